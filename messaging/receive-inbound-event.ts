import { sql } from 'drizzle-orm';
import { type Database, selectRows } from '../db/client.ts';
import { channelEvents, channelIdentities, jobs, users } from '../db/schema/index.ts';
import type { InboundEvent } from './inbound-event.ts';

/** Job kind: answer one stored inbound event. */
export const PROCESS_CHANNEL_EVENT = 'channels.process_event';

/**
 * The turns of one user in one chat thread run one at a time, in order: a second message
 * sent while the first is being answered waits, and is answered in the same conversation.
 */
export function turnSerialKey(event: InboundEvent): string {
  const { address, sender } = event;
  const thread = `${address.workspaceId}:${address.chatId}:${address.threadId ?? ''}`;
  return `turn:${event.platform}:${thread}:${sender.userId}`;
}

/** What became of a received event: stored for processing, or a redelivery ignored. */
export type Receipt = 'accepted' | 'duplicate';

/**
 * Stores a verified inbound event with the job that will answer it, so an adapter may
 * acknowledge the platform as soon as this returns. A redelivered event (same dedupe key)
 * changes nothing. One statement: it is atomic without a transaction, and costs a single
 * round trip while a platform waits for its acknowledgement.
 */
export async function receiveInboundEvent(db: Database, event: InboundEvent): Promise<Receipt> {
  const { platform, sender } = event;
  const payload = JSON.stringify(event);
  // The job is due from the app's clock, as every enqueued job is: the database's own now()
  // is finer than a millisecond and could put it just after the worker's next claim.
  const runAt = new Date().toISOString();
  const rows = await selectRows<{ id: string }>(
    db,
    sql`with sender as (
        select ${users.tenantId} as tenant_id
        from ${channelIdentities}
        join ${users} on ${users.id} = ${channelIdentities.userId}
          and ${users.tenantId} = ${channelIdentities.tenantId}
        where ${channelIdentities.platform} = ${platform}
          and ${channelIdentities.externalWorkspaceId} = ${sender.workspaceId}
          and ${channelIdentities.externalUserId} = ${sender.userId}
        limit 1
      ), stored as (
        insert into ${channelEvents} (platform, dedupe_key, tenant_id, payload)
        values (${platform}, ${event.dedupeKey}, (select tenant_id from sender), ${payload}::jsonb)
        on conflict (dedupe_key) do nothing
        returning id, tenant_id
      )
      insert into ${jobs} (tenant_id, kind, payload, dedupe_key, serial_key, run_at, created_at)
      select tenant_id, ${PROCESS_CHANNEL_EVENT}, jsonb_build_object('eventId', id),
        ${`${PROCESS_CHANNEL_EVENT}:`} || id, ${turnSerialKey(event)}, ${runAt}::timestamptz,
        clock_timestamp()
      from stored
      returning id`,
  );
  return rows.length > 0 ? 'accepted' : 'duplicate';
}
