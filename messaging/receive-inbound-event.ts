import type { Database } from '../db/client.ts';
import { channelEvents } from '../db/schema/index.ts';
import { enqueueJob } from '../jobs/queue.ts';
import type { InboundEvent } from './inbound-event.ts';
import { findLinkedCaller } from './linked-caller.ts';

/** Job kind: answer one stored inbound event. */
export const PROCESS_CHANNEL_EVENT = 'channels.process_event';

/** What became of a received event: stored for processing, or a redelivery ignored. */
export type Receipt = 'accepted' | 'duplicate';

/**
 * Stores a verified inbound event and queues its processing, in one transaction, so an
 * adapter may acknowledge the platform as soon as this returns. A redelivered event (same
 * dedupe key) changes nothing.
 */
export async function receiveInboundEvent(db: Database, event: InboundEvent): Promise<Receipt> {
  const caller = await findLinkedCaller(db, { platform: event.platform, ...event.sender });
  const tenantId = caller?.tenantId ?? null;

  return db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(channelEvents)
      .values({
        platform: event.platform,
        dedupeKey: event.dedupeKey,
        tenantId,
        payload: event as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing()
      .returning({ id: channelEvents.id });
    if (!stored) return 'duplicate';

    await enqueueJob(tx as unknown as Database, {
      tenantId,
      kind: PROCESS_CHANNEL_EVENT,
      payload: { eventId: stored.id },
      dedupeKey: `${PROCESS_CHANNEL_EVENT}:${stored.id}`,
    });
    return 'accepted';
  });
}
