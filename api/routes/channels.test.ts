import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, jobs, users } from '../../db/schema/index.ts';
import { redeemLinkCode } from '../../messaging/link-codes.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests read several JSON shapes.
type Json = any;

describe('channel routes', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>['app'];

  const call = (path: string, key: string, init: { method?: string; body?: unknown } = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });

  const userId = async (email: string): Promise<string> => {
    const [row] = await database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, email));
    return row?.id ?? '';
  };

  /** Links a Telegram account to the owner of the API key, through the core. */
  const linkTelegram = async (key: string, telegramUserId: string): Promise<void> => {
    const issued: Json = await (
      await call('/v1/channels/link-codes', key, { method: 'POST' })
    ).json();
    const account = { platform: 'telegram' as const, workspaceId: '', userId: telegramUserId };
    expect(await redeemLinkCode(database.db, { code: issued.code, account })).toMatchObject({
      linked: true,
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    ({ app } = createTestApp(database));
  });

  afterAll(async () => {
    await database.close();
  });

  it('issues a one-time link code to a rep', async () => {
    const response = await call('/v1/channels/link-codes', 'dw_demo_rep', { method: 'POST' });
    expect(response.status).toBe(201);
    const body: Json = await response.json();
    expect(body.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(body.instructions).toContain(`/link ${body.code}`);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('refuses link codes to customer contacts', async () => {
    const response = await call('/v1/channels/link-codes', 'dw_demo_customer', { method: 'POST' });
    expect(response.status).toBe(403);
  });

  it('lists and unlinks the caller’s own chat accounts only', async () => {
    await linkTelegram('dw_demo_rep', 'tg-rep-1');
    const listed: Json = await (await call('/v1/channels/links', 'dw_demo_rep')).json();
    const link = listed.links.find((entry: Json) => entry.externalUserId === 'tg-rep-1');
    expect(link).toMatchObject({ platform: 'telegram' });

    const byOther = await call(`/v1/channels/links/${link.id}`, 'dw_demo_manager', {
      method: 'DELETE',
    });
    expect(byOther.status).toBe(404);
    const own = await call(`/v1/channels/links/${link.id}`, 'dw_demo_rep', { method: 'DELETE' });
    expect(own.status).toBe(204);
    const after: Json = await (await call('/v1/channels/links', 'dw_demo_rep')).json();
    expect(after.links.some((entry: Json) => entry.id === link.id)).toBe(false);
  });

  it('queues a manager’s message to a linked rep of their team', async () => {
    await linkTelegram('dw_demo_rep', 'tg-rep-2');
    const repId = await userId('zhang.wei@huakang-demo.example.com');
    const response = await call('/v1/channels/messages', 'dw_demo_manager', {
      method: 'POST',
      body: { userId: repId, text: '东浦医院的招标下周截止，今天跟进一下。' },
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ queued: ['telegram'] });

    const queued = await database.db
      .select()
      .from(jobs)
      .where(eq(jobs.kind, 'channels.push_message'));
    expect(queued.at(-1)?.payload).toMatchObject({
      platform: 'telegram',
      recipient: { userId: 'tg-rep-2' },
      message: { text: '东浦医院的招标下周截止，今天跟进一下。' },
    });
    const audited = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.resourceType, 'channel_message'));
    expect(audited).toHaveLength(1);
  });

  it('refuses a rep writing to a colleague', async () => {
    const colleague = await userId('li.na@huakang-demo.example.com');
    const response = await call('/v1/channels/messages', 'dw_demo_rep', {
      method: 'POST',
      body: { userId: colleague, text: 'hi' },
    });
    expect(response.status).toBe(403);
  });

  it('says when the recipient has no linked chat account', async () => {
    const colleague = await userId('li.na@huakang-demo.example.com');
    const response = await call('/v1/channels/messages', 'dw_demo_manager', {
      method: 'POST',
      body: { userId: colleague, text: 'hi' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).type).toContain('no_linked_chat_account');
  });

  it('rejects an empty message and an unknown platform with a 400', async () => {
    const repId = await userId('zhang.wei@huakang-demo.example.com');
    const empty = await call('/v1/channels/messages', 'dw_demo_manager', {
      method: 'POST',
      body: { userId: repId, text: '   ' },
    });
    expect(empty.status).toBe(400);
    const platform = await call('/v1/channels/messages', 'dw_demo_manager', {
      method: 'POST',
      body: { userId: repId, text: 'hi', platforms: ['whatsapp'] },
    });
    expect(platform.status).toBe(400);
  });
  it('posts to the group chat only for managers, and says when none is configured', async () => {
    const byRep = await call('/v1/channels/group-messages', 'dw_demo_rep', {
      method: 'POST',
      body: { text: '本周目标' },
    });
    expect(byRep.status).toBe(403);
    const byManager = await call('/v1/channels/group-messages', 'dw_demo_manager', {
      method: 'POST',
      body: { text: '本周目标' },
    });
    expect(byManager.status).toBe(400);
    expect(((await byManager.json()) as Json).type).toContain('group_channel_not_configured');
  });
});
