import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { channelEvents, channelLinkCodes } from '../db/schema/index.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { issueLinkCode } from './link-codes.ts';
import { EVENT_RETENTION_MS, purgeChannelRecords } from './purge-channel-records.ts';

describe('purgeChannelRecords', () => {
  let database: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
  });

  afterAll(async () => {
    await database.close();
  });

  it('deletes processed events past retention and expired codes, and keeps the rest', async () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const old = new Date(now.getTime() - EVENT_RETENTION_MS - 1000);
    const event = { platform: 'slack' as const, payload: {} };
    await database.db.insert(channelEvents).values([
      { ...event, dedupeKey: 'slack:old', processedAt: old, receivedAt: old },
      { ...event, dedupeKey: 'slack:recent', processedAt: now },
      { ...event, dedupeKey: 'slack:unprocessed', receivedAt: old },
    ]);
    const rep = await authenticateApiKey(database.db, 'dw_demo_rep');
    await issueLinkCode(database.db, rep, new Date(now.getTime() - 60 * 60_000));
    await issueLinkCode(database.db, rep, now);

    expect(await purgeChannelRecords(database.db, now)).toEqual({
      events: 1,
      codes: 1,
      actions: 0,
    });
    const kept = await database.db.select({ key: channelEvents.dedupeKey }).from(channelEvents);
    expect(kept.map((row) => row.key).sort()).toEqual(['slack:recent', 'slack:unprocessed']);
    expect(await database.db.select().from(channelLinkCodes)).toHaveLength(1);
  });
});
