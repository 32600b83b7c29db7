import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { activities, auditLog } from '../db/schema/index.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { demoContext, demoId } from './__fixtures__/demo-context.ts';
import { applyConfirmedWrite } from './apply-confirmed-write.ts';
import { logActivityTool } from './log-activity.ts';
import { runTool } from './run-tool.ts';

const NOW = new Date('2026-08-01T09:00:00+08:00');
const ELEVEN_MINUTES = 11 * 60_000;

describe('log_activity', () => {
  let database: DatabaseHandle;
  const dealId = demoId('deal', 'deal-055');
  const request = {
    dealId,
    contactId: demoId('contact', 'con-001-1'),
    kind: 'call',
    subject: '确认 ICU 监护方案报价',
    notes: '刘科长希望下周收到修订报价',
    durationMinutes: 20,
  };

  const activitiesOnDeal = async () =>
    database.db
      .select()
      .from(activities)
      .where(and(eq(activities.dealId, dealId), eq(activities.subject, request.subject)));

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });
  afterAll(() => database.close());

  it('prepares a preview and a token without writing anything', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const result = await runTool(logActivityTool, context, request);

    expect(result.data.status).toBe('awaiting_confirmation');
    expect(result.data.preview).toContain('记录一条通话：确认 ICU 监护方案报价');
    expect(result.data.preview).toContain('contact 刘敏');
    expect(result.confirmation?.token).toMatch(/^v1\./);
    expect(result.data).not.toHaveProperty('token');
    expect(await activitiesOnDeal()).toEqual([]);
  });

  it('writes the activity and audits it once the user confirms', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(logActivityTool, context, request);

    const applied = await applyConfirmedWrite(
      logActivityTool,
      context,
      prepared.confirmation!.token,
    );

    const [row] = await activitiesOnDeal();
    expect(applied.data).toEqual({ activityId: row?.id, created: true });
    expect(row).toMatchObject({
      kind: 'call',
      userId: context.caller.userId,
      durationSeconds: 1200,
    });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.resourceId, row!.id));
    expect(audits).toMatchObject([
      { action: 'create', resourceType: 'activity', via: 'tool:log_activity' },
    ]);
  });

  it('writes once when the same confirmation is applied twice', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(logActivityTool, context, {
      ...request,
      subject: '重复确认测试',
    });

    await applyConfirmedWrite(logActivityTool, context, prepared.confirmation!.token);
    const again = await applyConfirmedWrite(logActivityTool, context, prepared.confirmation!.token);

    const rows = await database.db
      .select()
      .from(activities)
      .where(eq(activities.subject, '重复确认测试'));
    expect(rows).toHaveLength(1);
    expect(again.data.created).toBe(false);
  });

  it('refuses an expired confirmation', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(logActivityTool, context, { ...request, subject: '过期测试' });
    const later = { ...context, now: new Date(NOW.getTime() + ELEVEN_MINUTES) };

    const failure = applyConfirmedWrite(logActivityTool, later, prepared.confirmation!.token);

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'confirmation_expired',
    });
    expect(
      await database.db.select().from(activities).where(eq(activities.subject, '过期测试')),
    ).toEqual([]);
  });

  it("refuses another user's confirmation", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(logActivityTool, context, request);
    const manager = await demoContext(database.db, 'dw_demo_manager', NOW);

    const failure = applyConfirmedWrite(logActivityTool, manager, prepared.confirmation!.token);

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'confirmation_not_yours',
    });
  });

  it('refuses a token whose input was altered', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(logActivityTool, context, request);
    const [version, payload, mac] = prepared.confirmation!.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    claims.input.subject = '篡改';
    const forged = `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;

    const failure = applyConfirmedWrite(logActivityTool, context, forged);

    await expect(failure).rejects.toMatchObject({
      name: 'InputError',
      code: 'invalid_confirmation',
    });
  });

  it("hides another rep's deal from a rep as not found", async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(logActivityTool, context, {
      ...request,
      dealId: demoId('deal', 'deal-001'),
      contactId: undefined,
    });

    await expect(failure).rejects.toMatchObject({ name: 'NotFoundError', code: 'deal_not_found' });
  });

  it('re-checks the role when applying', async () => {
    const rep = await demoContext(database.db, 'dw_demo_rep', NOW);
    const prepared = await runTool(logActivityTool, rep, { ...request, subject: '权限复查' });
    const demoted = { ...rep, caller: { ...rep.caller, role: 'customer_contact' as const } };

    const failure = applyConfirmedWrite(logActivityTool, demoted, prepared.confirmation!.token);

    await expect(failure).rejects.toMatchObject({
      name: 'ForbiddenError',
      code: 'role_not_allowed',
    });
  });

  it('refuses a contact at another account than the deal', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(logActivityTool, context, {
      ...request,
      contactId: demoId('contact', 'con-002-1'),
    });

    await expect(failure).rejects.toMatchObject({ name: 'InputError', code: 'target_mismatch' });
  });

  it('rejects an activity with no lead, deal or contact, naming the field', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(logActivityTool, context, { kind: 'call', subject: '无对象' });

    await expect(failure).rejects.toMatchObject({
      code: 'invalid_tool_input',
      details: { errors: [expect.objectContaining({ field: 'leadId' })] },
    });
  });

  it('rejects an activity dated in the future', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(logActivityTool, context, {
      ...request,
      occurredAt: '2026-09-01T09:00:00+08:00',
    });

    await expect(failure).rejects.toMatchObject({ code: 'occurred_at_in_future' });
  });

  it('refuses to prepare without a confirmation secret', async () => {
    const context = await demoContext(database.db, 'dw_demo_rep', NOW);

    const failure = runTool(
      logActivityTool,
      { ...context, confirmationSecret: undefined },
      request,
    );

    await expect(failure).rejects.toMatchObject({
      name: 'ConfigurationError',
      code: 'confirmation_secret_missing',
    });
  });
});
