import { eq } from 'drizzle-orm';
import { authenticateApiKey } from '../../auth/api-keys.ts';
import type { Caller } from '../../auth/caller.ts';
import type { Database } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { stableId } from '../../demo/stable-id.ts';
import { createOfflineEmbedder } from '../../knowledge/offline-embedder.ts';
import type { ToolContext } from '../tool-definition.ts';

/** A confirmation secret for tests only. */
export const TEST_SECRET = 'test-secret-for-confirmation-tokens-0123456789';

const embedder = createOfflineEmbedder();

/** A demo user as a caller, by their key in demo/data/tenant.json (e.g. u-rep-zhao). */
export async function demoUser(db: Database, userKey: string): Promise<Caller> {
  const id = stableId(`huakang:user:${userKey}`);
  const [user] = await db.select().from(users).where(eq(users.id, id));
  if (!user) throw new Error(`no demo user ${userKey}`);
  return {
    tenantId: user.tenantId,
    userId: user.id,
    role: user.role,
    teamId: user.teamId,
    accountId: user.accountId,
    locale: user.locale,
    timeZone: user.timeZone,
  };
}

/** A tool context for a demo API key (dw_demo_rep, dw_demo_customer, …) or a caller. */
export async function demoContext(
  db: Database,
  who: string | Caller,
  now: Date = new Date('2026-08-01T09:00:00+08:00'),
): Promise<ToolContext> {
  const caller = typeof who === 'string' ? await authenticateApiKey(db, who) : who;
  return { db, embedder, caller, now, requestId: 'test-request', confirmationSecret: TEST_SECRET };
}

/** The row id of a demo record, by kind and key (e.g. account, acc-001). */
export function demoId(kind: string, key: string): string {
  return stableId(`huakang:${kind}:${key}`);
}
