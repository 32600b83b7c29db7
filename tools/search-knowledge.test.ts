import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext, demoId } from './__fixtures__/demo-context.ts';
import { runTool } from './run-tool.ts';
import { searchKnowledgeTool } from './search-knowledge.ts';

describe('search_knowledge', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('returns passages with a citation for each', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const result = await runTool(searchKnowledgeTool, context, { query: '吻合器 报销 上海', k: 4 });

    expect(result.data.length).toBeGreaterThan(0);
    expect(result.citations).toHaveLength(result.data.length);
    expect(result.citations.every((citation) => citation.kind === 'knowledge')).toBe(true);
  });

  it('keeps to the document types asked for', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const result = await runTool(searchKnowledgeTool, context, {
      query: 'price objection 价格异议',
      types: ['talk_track'],
    });

    expect(result.data.length).toBeGreaterThan(0);
    expect(result.data.every((passage) => passage.sourceId.startsWith('talk-track/'))).toBe(true);
  });

  it("finds a customer's own account documents when they pass their account id", async () => {
    const context = await demoContext(database.db, 'dw_demo_customer');

    const result = await runTool(searchKnowledgeTool, context, {
      query: '报价 监护仪',
      accountId: demoId('account', 'acc-001'),
    });

    expect(result.data.map((passage) => passage.sourceId)).toContain(
      'account/dongpu-quote-summary',
    );
  });

  it("refuses a customer passing another account's id", async () => {
    const context = await demoContext(database.db, 'dw_demo_customer');

    const failure = runTool(searchKnowledgeTool, context, {
      query: '经销 协议',
      accountId: demoId('account', 'acc-010'),
    });

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'account_out_of_scope',
    });
  });

  it('rejects an account id that is not a UUID, naming the field', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const failure = runTool(searchKnowledgeTool, context, { query: '报价', accountId: 'acc-001' });

    await expect(failure).rejects.toMatchObject({
      code: 'invalid_tool_input',
      message: expect.stringContaining('accountId'),
    });
  });
});
