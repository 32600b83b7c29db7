import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext, demoId } from './__fixtures__/demo-context.ts';
import { recommendTalkTracksTool } from './recommend-talk-tracks.ts';
import { runTool } from './run-tool.ts';

describe('recommend_talk_tracks', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('recommends three sections, the no-budget objection among them', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const { data, citations } = await runTool(recommendTalkTracksTool, context, {
      situation: '客户说今年没有预算',
    });

    expect(data).toHaveLength(3);
    expect(citations).toHaveLength(3);
    const budget = data.find((track) => track.section === '异议 3：“今年没有预算。”');
    expect(budget?.whenToUse).toBe('客户说“今年没有预算。”时');
  });

  it("says when to use an objection section in the customer's words", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const { data } = await runTool(recommendTalkTracksTool, context, {
      situation: 'The customer says there is no budget this year',
      accountId: demoId('account', 'acc-001'),
    });

    const budget = data.find((track) => track.sourceId === 'talk-track/objections-en');
    expect(budget?.whenToUse).toBe('When the customer says "There is no budget this year."');
    expect(budget?.type).toBe('talk_track');
  });

  it('draws only on talk tracks and playbooks', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const { data } = await runTool(recommendTalkTracksTool, context, {
      situation: '招标 参数 不满足',
    });

    expect(data.every((track) => /^(talk-track|playbook)\//.test(track.sourceId))).toBe(true);
  });

  it('refuses a customer contact', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer');

    const failure = runTool(recommendTalkTracksTool, context, { situation: '价格太高' });

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'role_not_allowed',
    });
  });
});
