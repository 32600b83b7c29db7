import { and, isNotNull, lt, or } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { channelActions, channelEvents, channelLinkCodes } from '../db/schema/index.ts';

/** Job kind: delete processed channel events and spent codes and buttons past retention. */
export const PURGE_CHANNEL_RECORDS = 'channels.purge_records';

/**
 * How long processed events are kept: far longer than any platform redelivers (Slack
 * retries for minutes, Feishu and WeCom for hours), so deduplication is unaffected.
 */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60_000;

/** Deletes old processed events, and link codes and buttons that expired or were used. */
export async function purgeChannelRecords(
  db: Database,
  now: Date = new Date(),
): Promise<{ events: number; codes: number; actions: number }> {
  const eventsBefore = new Date(now.getTime() - EVENT_RETENTION_MS);
  const events = await db
    .delete(channelEvents)
    .where(and(isNotNull(channelEvents.processedAt), lt(channelEvents.processedAt, eventsBefore)))
    .returning({ id: channelEvents.id });
  const codes = await db
    .delete(channelLinkCodes)
    .where(or(lt(channelLinkCodes.expiresAt, now), isNotNull(channelLinkCodes.usedAt)))
    .returning({ id: channelLinkCodes.id });
  const actions = await db
    .delete(channelActions)
    .where(or(lt(channelActions.expiresAt, now), isNotNull(channelActions.usedAt)))
    .returning({ id: channelActions.id });
  return { events: events.length, codes: codes.length, actions: actions.length };
}
