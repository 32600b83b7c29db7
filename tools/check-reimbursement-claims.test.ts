import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext } from './__fixtures__/demo-context.ts';
import { checkReimbursementClaims } from './check-reimbursement-claims.ts';

const NOW = new Date('2026-08-01T09:00:00+08:00');

describe('checkReimbursementClaims', () => {
  let database: DatabaseHandle;
  let rep: Caller;
  const check = (text: string, region = 'Shanghai') =>
    checkReimbursementClaims(database.db, rep, { text, region, now: NOW });

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    rep = (await demoContext(database.db, 'dw_demo_rep')).caller;
  });
  afterAll(() => database.close());

  it('flags a contradicted ratio written in Chinese', async () => {
    const [result] = await check('一次性使用腔镜直线切割吻合器在上海的报销比例为60%。');

    expect(result).toMatchObject({
      productCode: 'C0212040010000910017',
      region: 'Shanghai',
      stated: 0.6,
      actual: 0.7,
      verdict: 'contradicted',
      citation: expect.objectContaining({ sourceId: 'policy/reimbursement-table' }),
    });
  });

  it('passes a consistent ratio written in Chinese numerals', async () => {
    const [result] = await check('腔镜直线切割吻合器钉仓医保报销百分之七十。');

    expect(result).toMatchObject({
      productCode: 'C0212040020000910025',
      stated: 0.7,
      verdict: 'consistent',
    });
  });

  it('flags a contradicted ratio written in English', async () => {
    const [result] = await check(
      'The Disposable Precision-filter Infusion Set is 70% reimbursed in Jiangsu.',
    );

    expect(result).toMatchObject({
      productCode: 'C1403010020000780023',
      region: 'Jiangsu',
      stated: 0.7,
      actual: 0.85,
      verdict: 'contradicted',
    });
  });

  it('passes a consistent ratio written in English with the product code', async () => {
    const [result] = await check('Insurance reimburses 70% of C0212040010000910017 in Shanghai.');

    expect(result).toMatchObject({ stated: 0.7, actual: 0.7, verdict: 'consistent' });
  });

  it('takes the product from the sentence before when the ratio sentence names none', async () => {
    const [result] = await check('关于精密过滤输液器。在上海，报销比例是90%。');

    expect(result).toMatchObject({ productCode: 'C1403010020000780023', verdict: 'consistent' });
  });

  it('does not read the out-of-pocket share as a reimbursement ratio', async () => {
    const results = await check('吻合器钉仓报销比例70%，患者自付30%。');

    expect(results.map((result) => result.stated)).toEqual([0.7]);
  });

  it('leaves a ratio about no known product as unknown', async () => {
    const [result] = await check('这类设备的报销比例一般是50%。');

    expect(result).toMatchObject({ productCode: null, verdict: 'unknown', actual: null });
  });

  it('ignores percentages that are not about reimbursement', async () => {
    const results = await check('东浦医院今年门诊量增长了12%，吻合器用量增长20%。');

    expect(results).toEqual([]);
  });
});
