import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestDatabase, demoSeededAt } from '../testing/test-database.ts';
import { demoContext, demoId } from './__fixtures__/demo-context.ts';
import { getAccountOverviewTool } from './get-account-overview.ts';
import { runTool } from './run-tool.ts';

describe('get_account_overview', () => {
  let database: DatabaseHandle;
  const now = () => demoSeededAt();

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it("gives a rep the account's facts, contacts, own deals, activities and signals", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', now());

    const { data } = await runTool(getAccountOverviewTool, context, { account: '东浦医院' });

    expect(data.account).toMatchObject({
      id: demoId('account', 'acc-001'),
      nameZh: '上海东浦医院',
      sizeBand: 'enterprise',
    });
    expect(data.contacts.map((contact) => contact.name)).toEqual(['刘敏', '周立华', '高建'].sort());
    expect(data.contacts[0]).toHaveProperty('email');
    expect(data.openDeals.map((deal) => deal.name).sort()).toEqual([
      '东浦医院新住院楼ICU监护设备项目',
      '东浦医院监护设备维保服务续约 Service renewal',
    ]);
    expect(data.recentActivities.length).toBeGreaterThan(0);
    expect(data.recentSignals.map((signal) => signal.title)).toContain(
      '上海东浦医院新建住院楼重症监护设备采购项目招标公告',
    );
  });

  it('finds the account by a partial English name, case aside', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', now());

    const { data } = await runTool(getAccountOverviewTool, context, { account: 'dongpu hospital' });

    expect(data.account.nameEn).toBe('Shanghai Dongpu Hospital');
  });

  it('cites the account, its signals and its documents', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', now());

    const { citations } = await runTool(getAccountOverviewTool, context, { account: '东浦医院' });

    const keys = citations.map((citation) =>
      citation.kind === 'record' ? citation.resourceType : citation.sourceId,
    );
    expect(keys).toContain('account');
    expect(keys).toContain('signal');
    expect(keys).toContain('account/dongpu-quote-summary');
  });

  it('audits the read with the tool as the channel', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', now());
    await runTool(
      getAccountOverviewTool,
      { ...context, requestId: 'audit-check' },
      { account: '东浦医院' },
    );

    const rows = await database.db.query.auditLog.findMany({
      where: (audit, { eq }) => eq(audit.requestId, 'audit-check'),
    });

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read',
      resourceType: 'account',
      resourceId: demoId('account', 'acc-001'),
      via: 'tool:get_account_overview',
      userId: context.caller.userId,
    });
  });

  it('lists the candidates when the name matches several accounts', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', now());

    const failure = runTool(getAccountOverviewTool, context, { account: '上海' });

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'ambiguous_account',
      message: expect.stringContaining('上海申江肿瘤医院'),
    });
  });

  it('reports an account nobody has as not found for staff', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', now());

    const failure = runTool(getAccountOverviewTool, context, { account: '不存在的医院' });

    await expect(failure).rejects.toMatchObject({
      name: 'NotFoundError',
      code: 'account_not_found',
    });
  });

  it('shows a customer their own account without deals, activities or contact data', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', now());

    const { data } = await runTool(getAccountOverviewTool, context, { account: '上海东浦医院' });

    expect(data.account.id).toBe(demoId('account', 'acc-001'));
    expect(data.account).not.toHaveProperty('sizeBand');
    expect(data.openDeals).toEqual([]);
    expect(data.recentActivities).toEqual([]);
    expect(data.contacts[0]).not.toHaveProperty('email');
    expect(data.withheld).toEqual(['deals', 'activities', 'contact details']);
  });

  it('refuses a customer asking about another account by name', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', now());

    const failure = runTool(getAccountOverviewTool, context, { account: '上海申江肿瘤医院' });

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'account_out_of_scope',
    });
  });

  it('refuses a customer asking about another account by id', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', now());

    const failure = runTool(getAccountOverviewTool, context, {
      account: demoId('account', 'acc-002'),
    });

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'account_out_of_scope',
    });
  });

  it('refuses a customer naming an account that does not exist the same way', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', now());

    const failure = runTool(getAccountOverviewTool, context, { account: '不存在的医院' });

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'account_out_of_scope',
    });
  });
});

describe('get_account_overview for a customer', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('gives a customer their own account when they name none or say 我们医院', async () => {
    const context = await demoContext(database.db, 'dw_demo_customer', new Date());

    const unnamed = await runTool(getAccountOverviewTool, context, {});
    const ours = await runTool(getAccountOverviewTool, context, { account: '我们医院的客户概况' });

    expect(unnamed.data.account.id).toBe(context.caller.accountId);
    expect(ours.data.account.id).toBe(context.caller.accountId);
  });

  it('asks a rep to name the account', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', new Date());

    await expect(runTool(getAccountOverviewTool, context, {})).rejects.toMatchObject({
      code: 'account_required',
    });
  });
});
