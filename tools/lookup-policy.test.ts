import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext } from './__fixtures__/demo-context.ts';
import { lookupPolicyTool } from './lookup-policy.ts';
import { runTool } from './run-tool.ts';

const STAPLER = 'C0212040010000910017';

describe('lookup_policy', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('returns the newer Shanghai stapler rule once it is in effect', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const result = await runTool(lookupPolicyTool, context, {
      product: STAPLER,
      region: 'Shanghai',
      date: '2026-08-01',
    });

    expect(result.data).toMatchObject({
      reimbursementRatio: 0.7,
      category: '乙类',
      version: 2,
      effectiveFrom: '2026-07-01',
      effectiveTo: null,
    });
  });

  it('returns the older rule for a date before the newer one starts', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const result = await runTool(lookupPolicyTool, context, {
      product: STAPLER,
      region: 'Shanghai',
      date: '2026-03-01',
    });

    expect(result.data.reimbursementRatio).toBe(0.6);
    expect(result.data.version).toBe(1);
  });

  it('accepts the product name and the region in Chinese', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const result = await runTool(lookupPolicyTool, context, {
      product: '一次性使用精密过滤输液器',
      region: '广东省',
      date: '2026-05-01',
    });

    expect(result.data.productCode).toBe('C1403010020000780023');
    expect(result.data.region).toBe('Guangdong');
    expect(result.data.reimbursementRatio).toBe(0.9);
  });

  it('cites the row of the policy table that holds the rule', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const result = await runTool(lookupPolicyTool, context, {
      product: STAPLER,
      region: 'Shanghai',
      date: '2026-08-01',
    });

    expect(result.citations).toHaveLength(1);
    expect(result.citations[0]).toMatchObject({
      kind: 'knowledge',
      sourceId: 'policy/reimbursement-table',
    });
    expect(
      result.citations[0]?.kind === 'knowledge' && result.citations[0].rowNumber,
    ).toBeGreaterThan(0);
  });

  it('answers a customer contact too, since the policy table is public', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer');

    const result = await runTool(lookupPolicyTool, context, {
      product: STAPLER,
      region: '上海',
      date: '2026-08-01',
    });

    expect(result.data.reimbursementRatio).toBe(0.7);
  });

  it('names the regions that have rules when the region has none', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const failure = runTool(lookupPolicyTool, context, { product: STAPLER, region: 'Yunnan' });

    await expect(failure).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'policy_not_found',
      message: expect.stringContaining('Beijing, Chongqing, Guangdong, Hebei, Jiangsu, Shanghai'),
    });
  });

  it('refuses an unknown product code as not found', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const failure = runTool(lookupPolicyTool, context, {
      product: 'C9999999999999999999',
      region: 'Shanghai',
    });

    await expect(failure).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'product_not_found',
    });
  });

  it('rejects a malformed date, naming the field', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep');

    const failure = runTool(lookupPolicyTool, context, {
      product: STAPLER,
      region: 'Shanghai',
      date: '08/01/2026',
    });

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'invalid_tool_input',
      details: { errors: [expect.objectContaining({ field: 'date' })] },
    });
  });
});
