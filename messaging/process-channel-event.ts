import { and, count, eq, gt, sql } from 'drizzle-orm';
import type { AgentDependencies } from '../agent/run-turn.ts';
import type { Database } from '../db/client.ts';
import { channelEvents } from '../db/schema/index.ts';
import { queueButtonUpdate, queueReplies } from './channel-outbox.ts';
import { commandSpelling, PHRASES } from './channel-phrases.ts';
import { type InboundEvent, inboundEventSchema } from './inbound-event.ts';
import { looksLikeLinkCode, redeemLinkCode } from './link-codes.ts';
import { findLinkedCaller } from './linked-caller.ts';
import { type Response, respondToLinkedUser } from './respond-to-event.ts';

/** What processing an event needs from the process hosting it. */
export interface ProcessEventDependencies {
  agent: AgentDependencies;
  /** Where citations link to; see citationUrl. */
  citationBaseUrl?: string | undefined;
  now?: () => Date;
}

/** Failed link codes from one chat account within the window before it is locked out. */
const LINK_ATTEMPTS = 5;
const LINK_WINDOW_MS = 15 * 60_000;

/**
 * Answers a stored inbound event: links an unknown sender who sends a code (or tells them
 * how), runs the agent for a linked one, and queues the replies. The replies are queued and
 * the event marked done in one transaction, so a retried job never answers twice.
 */
export async function processChannelEvent(
  dependencies: ProcessEventDependencies,
  eventId: string,
): Promise<void> {
  const { db } = dependencies.agent;
  const [row] = await db
    .select({ status: channelEvents.status, payload: channelEvents.payload })
    .from(channelEvents)
    .where(eq(channelEvents.id, eventId))
    .limit(1);
  if (row?.status !== 'received') return;

  const parsed = inboundEventSchema.safeParse(row.payload);
  if (!parsed.success) {
    await finish(db, {
      eventId,
      status: 'ignored',
      outcome: 'malformed',
      tenantId: null,
      event: undefined,
      response: undefined,
    });
    return;
  }

  const event = parsed.data;
  const now = (dependencies.now ?? (() => new Date()))();
  const caller = await findLinkedCaller(db, { platform: event.platform, ...event.sender });
  const response = caller
    ? await respondToLinkedUser({
        agent: dependencies.agent,
        caller,
        event,
        now,
        citationBaseUrl: dependencies.citationBaseUrl,
      })
    : await respondToUnlinkedUser(db, event, now);

  await finish(db, {
    eventId,
    status: response.outcome === 'turn_failed' ? 'failed' : 'done',
    outcome: response.outcome,
    tenantId: caller?.tenantId ?? null,
    event,
    response,
  });
}

/** Links the sender when they send a valid code; otherwise explains how to link. */
async function respondToUnlinkedUser(
  db: Database,
  event: InboundEvent,
  now: Date,
): Promise<Response> {
  const code = linkCodeIn(event);
  if (code === undefined)
    return plain('link_instructions', PHRASES.linkInstructions(commandSpelling(event.platform)));
  if (await tooManyFailedCodes(db, event, now)) return plain('link_locked', PHRASES.linkLocked);

  const account = { platform: event.platform, ...event.sender };
  const outcome = await redeemLinkCode(db, { code, account, now });
  if (!outcome.linked) return plain('link_failed', PHRASES.linkFailed);

  const caller = await findLinkedCaller(db, account);
  const language = caller?.locale.toLowerCase().startsWith('zh') === false ? 'en' : 'zh';
  return plain('linked', PHRASES.linked[language]);
}

function linkCodeIn(event: InboundEvent): string | undefined {
  const { body } = event;
  if (body.type === 'command' && body.command === 'link') return body.argument.trim();
  if (body.type === 'text' && looksLikeLinkCode(body.text)) return body.text;
  return undefined;
}

async function tooManyFailedCodes(db: Database, event: InboundEvent, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - LINK_WINDOW_MS);
  const [row] = await db
    .select({ failures: count() })
    .from(channelEvents)
    .where(
      and(
        eq(channelEvents.platform, event.platform),
        eq(channelEvents.outcome, 'link_failed'),
        gt(channelEvents.receivedAt, since),
        sql`${channelEvents.payload} -> 'sender' ->> 'userId' = ${event.sender.userId}`,
        sql`${channelEvents.payload} -> 'sender' ->> 'workspaceId' = ${event.sender.workspaceId}`,
      ),
    );
  return (row?.failures ?? 0) >= LINK_ATTEMPTS;
}

function plain(outcome: string, text: string): Response {
  return { outcome, replies: [{ text, citations: [], actions: [] }] };
}

async function finish(
  db: Database,
  options: {
    eventId: string;
    status: 'done' | 'ignored' | 'failed';
    outcome: string;
    tenantId: string | null;
    event: InboundEvent | undefined;
    response: Response | undefined;
  },
): Promise<void> {
  const { event, response } = options;
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(channelEvents)
      .set({
        status: options.status,
        outcome: options.outcome,
        tenantId: options.tenantId,
        processedAt: new Date(),
      })
      .where(and(eq(channelEvents.id, options.eventId), eq(channelEvents.status, 'received')))
      .returning({ id: channelEvents.id });
    if (!updated || !event || !response) return;

    const { platform, address } = event;
    const { tenantId } = options;
    if (response.pressedMessage) {
      const update = { platform, address, message: response.pressedMessage };
      await queueButtonUpdate(tx as unknown as Database, { tenantId, update });
    }
    const replies = response.replies.map((message) => ({ platform, address, message }));
    await queueReplies(tx as unknown as Database, { tenantId, replies });
  });
}
