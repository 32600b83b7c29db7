import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { PendingWrite } from '../agent/turn-record.ts';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { channelActions } from '../db/schema/index.ts';
import type { ReplyAction, ReplyMessage } from './reply-message.ts';

/** How long the buttons of a prepared write can be pressed. */
export const ACTION_TTL_MS = 24 * 60 * 60_000;

const CONFIRM_WRITE = 'confirm_write';

/** A prepared write, as its buttons carry it back: the tool and its confirmation token. */
export interface ConfirmWritePayload {
  tool: string;
  token: string;
  preview: string;
  /** The reply the buttons were sent with, once remembered; see rememberActionMessage. */
  message?: ReplyMessage;
}

/**
 * Stores each prepared write of a turn behind a pair of buttons (confirm, cancel) only the
 * caller may press. The platform sees the row id, never the confirmation token.
 */
export async function createWriteActions(
  db: Database,
  caller: Caller,
  options: {
    writes: readonly PendingWrite[];
    labels: { confirm: string; cancel: string };
    now: Date;
  },
): Promise<ReplyAction[]> {
  if (options.writes.length === 0) return [];
  const rows = await db
    .insert(channelActions)
    .values(
      options.writes.map((write) => ({
        tenantId: caller.tenantId,
        userId: caller.userId,
        kind: CONFIRM_WRITE,
        payload: { tool: write.tool, token: write.token, preview: write.preview },
        expiresAt: earliest(
          new Date(write.expiresAt),
          new Date(options.now.getTime() + ACTION_TTL_MS),
        ),
      })),
    )
    .returning({ id: channelActions.id });

  return rows.flatMap(({ id }) => [
    { actionId: id, decision: 'confirm' as const, label: options.labels.confirm },
    { actionId: id, decision: 'cancel' as const, label: options.labels.cancel },
  ]);
}

/**
 * What the caller's button stands for while it can still be pressed. A press by another
 * user, after expiry or after the button was used finds nothing: buttons in group chats are
 * visible to all.
 */
export async function findWriteAction(
  db: Database,
  caller: Caller,
  options: { actionId: string; now: Date },
): Promise<ConfirmWritePayload | undefined> {
  if (!isUuid(options.actionId)) return undefined;
  const [row] = await db
    .select({ payload: channelActions.payload })
    .from(channelActions)
    .where(openActionOf(caller, options));
  return row?.payload as ConfirmWritePayload | undefined;
}

/**
 * Uses up the caller's button, once its press has been answered; returns what it stood for,
 * or undefined when it was no longer open.
 */
export async function takeWriteAction(
  db: Database,
  caller: Caller,
  options: { actionId: string; now: Date },
): Promise<ConfirmWritePayload | undefined> {
  if (!isUuid(options.actionId)) return undefined;
  const [row] = await db
    .update(channelActions)
    .set({ usedAt: options.now })
    .where(openActionOf(caller, options))
    .returning({ payload: channelActions.payload });
  return row?.payload as ConfirmWritePayload | undefined;
}

function openActionOf(caller: Caller, options: { actionId: string; now: Date }) {
  return and(
    eq(channelActions.id, options.actionId),
    eq(channelActions.tenantId, caller.tenantId),
    eq(channelActions.userId, caller.userId),
    eq(channelActions.kind, CONFIRM_WRITE),
    isNull(channelActions.usedAt),
    gt(channelActions.expiresAt, options.now),
  );
}

/**
 * Keeps the reply a turn's buttons went out with beside each of them, so that a press can
 * redraw that message with the buttons still open.
 */
export async function rememberActionMessage(db: Database, message: ReplyMessage): Promise<void> {
  const ids = [...new Set(message.actions.map((action) => action.actionId))];
  if (ids.length === 0) return;
  await db
    .update(channelActions)
    .set({ payload: sql`${channelActions.payload} || ${JSON.stringify({ message })}::jsonb` })
    .where(inArray(channelActions.id, ids));
}

/** The message with only the buttons of writes still open: not pressed, not expired. */
export async function withOpenActions(
  db: Database,
  options: { message: ReplyMessage; now: Date },
): Promise<ReplyMessage> {
  const { message } = options;
  const ids = [...new Set(message.actions.map((action) => action.actionId))].filter(isUuid);
  if (ids.length === 0) return { ...message, actions: [] };
  const open = await db
    .select({ id: channelActions.id })
    .from(channelActions)
    .where(
      and(
        inArray(channelActions.id, ids),
        isNull(channelActions.usedAt),
        gt(channelActions.expiresAt, options.now),
      ),
    );
  const openIds = new Set(open.map((row) => row.id));
  return { ...message, actions: message.actions.filter((action) => openIds.has(action.actionId)) };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

function earliest(a: Date, b: Date): Date {
  return Number.isNaN(a.getTime()) || b < a ? b : a;
}
