import { and, asc, desc, eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import {
  type channel,
  conversations,
  messages,
  type StoredCitation,
  type StoredToolCall,
} from '../db/schema/index.ts';
import { NotFoundError } from '../lib/errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Channel = (typeof channel.enumValues)[number];

/** A stored message, as the API returns it. */
export interface ConversationMessage {
  id: string;
  role: 'user' | 'assistant' | 'tool' | 'system';
  status: 'pending' | 'complete' | 'failed';
  text: string;
  toolCalls: StoredToolCall[];
  citations: StoredCitation[];
  model: string | null;
  error: { code: string; message: string } | null;
  createdAt: Date;
}

/** A conversation with its messages, oldest first. */
export interface ConversationRecord {
  id: string;
  persona: string;
  channel: Channel;
  title: string | null;
  summary: string | null;
  createdAt: Date;
  updatedAt: Date;
  messages: ConversationMessage[];
}

/** What an assistant turn produced, to be stored. */
export interface AssistantReply {
  text: string;
  toolCalls: StoredToolCall[];
  citations: StoredCitation[];
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/**
 * The caller's conversation: the one named, which must be theirs, or a new one. Another
 * user's conversation is reported as not found, so ids reveal nothing.
 */
export async function openConversation(
  db: Database,
  caller: Caller,
  options: {
    conversationId?: string | undefined;
    persona: string;
    channel: Channel;
    title: string;
  },
): Promise<{ id: string; summary: string | null }> {
  if (options.conversationId) {
    if (!UUID.test(options.conversationId)) throw conversationNotFound(options.conversationId);
    const [row] = await db
      .select({ id: conversations.id, summary: conversations.summary })
      .from(conversations)
      .where(ownedBy(caller, options.conversationId));
    if (!row) throw conversationNotFound(options.conversationId);
    return row;
  }

  const [created] = await db
    .insert(conversations)
    .values({
      tenantId: caller.tenantId,
      userId: caller.userId,
      persona: options.persona,
      channel: options.channel,
      title: options.title.slice(0, 120),
    })
    .returning({ id: conversations.id, summary: conversations.summary });
  return created as { id: string; summary: string | null };
}

/** Stores the user's message before the model sees it, so nothing is lost if the turn fails. */
export async function appendUserMessage(
  db: Database,
  caller: Caller,
  conversationId: string,
  text: string,
): Promise<string> {
  const [row] = await db
    .insert(messages)
    .values({ tenantId: caller.tenantId, conversationId, role: 'user', text })
    .returning({ id: messages.id });
  return (row as { id: string }).id;
}

/** Stores the assistant's answer of a turn. */
export async function recordReply(
  db: Database,
  caller: Caller,
  conversationId: string,
  reply: AssistantReply,
): Promise<string> {
  const [row] = await db
    .insert(messages)
    .values({
      tenantId: caller.tenantId,
      conversationId,
      role: 'assistant',
      text: reply.text,
      toolCalls: reply.toolCalls,
      citations: reply.citations,
      model: reply.model,
      promptTokens: reply.promptTokens,
      completionTokens: reply.completionTokens,
    })
    .returning({ id: messages.id });
  await touch(db, caller, conversationId);
  return (row as { id: string }).id;
}

/** Records a turn that failed, with its error, so the history shows what happened. */
export async function recordFailedTurn(
  db: Database,
  caller: Caller,
  conversationId: string,
  failure: { code: string; message: string; toolCalls: StoredToolCall[]; model: string },
): Promise<void> {
  await db.insert(messages).values({
    tenantId: caller.tenantId,
    conversationId,
    role: 'assistant',
    status: 'failed',
    text: '',
    toolCalls: failure.toolCalls,
    model: failure.model,
    error: { code: failure.code, message: failure.message },
  });
  await touch(db, caller, conversationId);
}

/** The caller's conversation with every message, oldest first. */
export async function getConversation(
  db: Database,
  caller: Caller,
  conversationId: string,
): Promise<ConversationRecord> {
  if (!UUID.test(conversationId)) throw conversationNotFound(conversationId);
  const [conversation] = await db
    .select()
    .from(conversations)
    .where(ownedBy(caller, conversationId));
  if (!conversation) throw conversationNotFound(conversationId);

  const rows = await db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, caller.tenantId), eq(messages.conversationId, conversationId)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return {
    id: conversation.id,
    persona: conversation.persona,
    channel: conversation.channel,
    title: conversation.title,
    summary: conversation.summary,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messages: rows.map((row) => ({
      id: row.id,
      role: row.role,
      status: row.status,
      text: row.text,
      toolCalls: row.toolCalls,
      citations: row.citations,
      model: row.model,
      error: row.error ?? null,
      createdAt: row.createdAt,
    })),
  };
}

/** The completed user and assistant messages of a conversation, newest last. */
export async function loadDialogue(
  db: Database,
  caller: Caller,
  conversationId: string,
): Promise<{ role: 'user' | 'assistant'; text: string }[]> {
  const rows = await db
    .select({ role: messages.role, text: messages.text, status: messages.status })
    .from(messages)
    .where(and(eq(messages.tenantId, caller.tenantId), eq(messages.conversationId, conversationId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(200);
  return rows
    .reverse()
    .filter((row) => row.status === 'complete' && (row.role === 'user' || row.role === 'assistant'))
    .map((row) => ({ role: row.role as 'user' | 'assistant', text: row.text }));
}

/** Saves the rolling summary of the older part of a conversation. */
export async function saveSummary(
  db: Database,
  caller: Caller,
  conversationId: string,
  summary: string,
): Promise<void> {
  await db.update(conversations).set({ summary }).where(ownedBy(caller, conversationId));
}

function ownedBy(caller: Caller, conversationId: string) {
  return and(
    eq(conversations.tenantId, caller.tenantId),
    eq(conversations.userId, caller.userId),
    eq(conversations.id, conversationId),
  );
}

async function touch(db: Database, caller: Caller, conversationId: string): Promise<void> {
  await db
    .update(conversations)
    .set({ updatedAt: new Date() })
    .where(ownedBy(caller, conversationId));
}

function conversationNotFound(conversationId: string): NotFoundError {
  return new NotFoundError({
    code: 'conversation_not_found',
    message:
      `No conversation ${conversationId} of yours; ` +
      'start a new one by leaving out conversationId.',
  });
}
