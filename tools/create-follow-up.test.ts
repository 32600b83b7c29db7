import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { followUps } from '../db/schema/index.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext, demoId } from './__fixtures__/demo-context.ts';
import { applyConfirmedWrite } from './apply-confirmed-write.ts';
import { createFollowUpTool } from './create-follow-up.ts';
import { runTool } from './run-tool.ts';

const NOW = new Date('2026-08-01T09:00:00+08:00');

describe('create_follow_up', () => {
  let database: DatabaseHandle;
  const request = {
    dealId: demoId('deal', 'deal-055'),
    dueAt: '2026-08-05T10:00:00+08:00',
    note: '发送修订报价',
  };

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('prepares a preview of the follow-up on a deal of the rep', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const result = await runTool(createFollowUpTool, context, request);

    expect(result.data.preview).toBe(
      '新建跟进：发送修订报价\n对象：deal 东浦医院新住院楼ICU监护设备项目\n截止：2026-08-05T10:00:00+08:00',
    );
  });

  it('saves the follow-up once the rep confirms, and only once', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(createFollowUpTool, context, request);
    const token = prepared.confirmation!.token;

    const first = await applyConfirmedWrite(createFollowUpTool, context, token);
    const again = await applyConfirmedWrite(createFollowUpTool, context, token);
    const rows = await database.db
      .select()
      .from(followUps)
      .where(eq(followUps.id, first.data.followUpId));

    expect(first.data.created).toBe(true);
    expect(again.data.created).toBe(false);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      note: '发送修订报价',
      status: 'open',
      dealId: request.dealId,
      ownerUserId: context.caller.userId,
    });
    expect(rows[0]?.dueAt.toISOString()).toBe('2026-08-05T02:00:00.000Z');
  });

  it('writes nothing before the rep confirms', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const before = await database.db.select().from(followUps);

    await runTool(createFollowUpTool, context, { ...request, note: '只预览' });

    expect(await database.db.select().from(followUps)).toEqual(before);
  });

  it('rejects a due time in the past', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(createFollowUpTool, context, {
      ...request,
      dueAt: '2026-07-01T10:00:00+08:00',
    });

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'due_at_out_of_range',
    });
  });

  it("hides another rep's lead from a rep as not found", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(createFollowUpTool, context, {
      leadId: demoId('lead', 'lead-001'),
      dueAt: request.dueAt,
      note: request.note,
    });

    await expect(failure).rejects.toMatchObject({ name: 'NotFoundError', code: 'lead_not_found' });
  });
});
