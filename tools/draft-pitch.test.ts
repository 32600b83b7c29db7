import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { demoContext } from './__fixtures__/demo-context.ts';
import { draftPitchTool } from './draft-pitch.ts';
import { runTool } from './run-tool.ts';
import { citationKey } from './tool-citation.ts';

describe('draft_pitch', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  const request = {
    account: '东浦医院',
    goal: '新住院楼 ICU 监护设备方案沟通',
    format: 'email',
    language: 'zh',
    product: 'C0212040010000910017',
  };

  it("grounds the email on the account's signals and the policy rule, each cited", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const { data, citations } = await runTool(draftPitchTool, context, request);

    const keys = new Set(citations.map(citationKey));
    const roles = data.sections.map((section) => section.role);
    expect(roles).toContain('signal');
    expect(roles).toContain('policy');
    for (const section of data.sections.filter(
      (part) => part.role === 'signal' || part.role === 'policy',
    )) {
      expect(section.citationKeys.length).toBeGreaterThan(0);
      expect(section.citationKeys.every((key) => keys.has(key))).toBe(true);
    }
    expect(data.subject).toContain('上海东浦医院');
  });

  it('states the Shanghai rule in effect and finds it consistent in its own check', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const { data } = await runTool(draftPitchTool, context, request);

    expect(data.text).toContain('报销比例为70%');
    expect(data.policyCheck).toEqual([
      expect.objectContaining({
        productCode: 'C0212040010000910017',
        stated: 0.7,
        verdict: 'consistent',
      }),
    ]);
  });

  it('writes a call outline in English as numbered steps', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const { data } = await runTool(draftPitchTool, context, {
      ...request,
      format: 'call_outline',
      language: 'en',
    });

    expect(data.subject).toBeNull();
    expect(data.text.split('\n')[0]).toMatch(/^1\. Why now: We noticed/);
    expect(data.text).toContain('is reimbursed at 70% in Shanghai');
  });

  it('keeps playbook guidance apart from the customer text', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const { data } = await runTool(draftPitchTool, context, request);

    expect(data.guidance.length).toBeGreaterThan(0);
    for (const guidance of data.guidance) expect(data.text).not.toContain(guidance.text);
  });

  it('refuses a customer contact, even for their own account', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', demoSeededAt());

    const failure = runTool(draftPitchTool, context, request);

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'role_not_allowed',
    });
  });

  it('refuses a customer contact asking for another account even when run directly', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', demoSeededAt());

    const failure = draftPitchTool.run(context, {
      ...request,
      account: '上海申江肿瘤医院',
    } as never);

    await expect(failure).rejects.toMatchObject({ name: 'ForbiddenError' });
  });

  it('rejects an unknown format, naming the field', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', demoSeededAt());

    const failure = runTool(draftPitchTool, context, { ...request, format: 'letter' });

    await expect(failure).rejects.toMatchObject({
      code: 'invalid_tool_input',
      details: { errors: [expect.objectContaining({ field: 'format' })] },
    });
  });
});

describe('draft_pitch for a product with no reimbursement rule', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('drafts the pitch without a policy section instead of failing', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', new Date());

    const result = await runTool(draftPitchTool, context, {
      account: '东浦医院',
      goal: '介绍 HK-M8 监护仪',
      format: 'email',
      language: 'zh',
      product: 'HK-M8',
    });

    expect(result.data.sections.length).toBeGreaterThan(0);
    expect(
      result.citations.some(
        (citation) => citation.kind === 'record' && citation.resourceType === 'policy',
      ),
    ).toBe(false);
  });
});
