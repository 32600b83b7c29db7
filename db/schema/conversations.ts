import { index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { tenants, users } from './organization.ts';

export const channel = pgEnum('channel', [
  'api',
  'web',
  'cli',
  'slack',
  'telegram',
  'wecom',
  'feishu',
]);

export const messageRole = pgEnum('message_role', ['user', 'assistant', 'tool', 'system']);

export const messageStatus = pgEnum('message_status', ['pending', 'complete', 'failed']);

/** A tool call the model made during a turn, with its outcome. */
export interface StoredToolCall {
  id: string;
  name: string;
  arguments: unknown;
  result?: unknown;
  error?: string;
}

/** A source an answer rests on, numbered as the answer's [n] markers cite it. */
export interface StoredCitation {
  n: number;
  kind: 'knowledge' | 'record';
  title: string;
  locator: string;
  [field: string]: unknown;
}

/** A thread between one user and the assistant; never shared between users. */
export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    persona: text('persona').notNull(),
    channel: channel('channel').notNull(),
    title: text('title'),
    /** Rolling summary of the turns older than the ones sent to the model verbatim. */
    summary: text('summary'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('conversations_tenant_user_idx').on(table.tenantId, table.userId)],
);

/** One message of a conversation; a failed assistant turn keeps its error. */
export const messages = pgTable(
  'messages',
  {
    id: id(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: messageRole('role').notNull(),
    status: messageStatus('status').notNull().default('complete'),
    text: text('text').notNull(),
    toolCalls: jsonb('tool_calls').$type<StoredToolCall[]>().notNull().default([]),
    citations: jsonb('citations').$type<StoredCitation[]>().notNull().default([]),
    model: text('model'),
    promptTokens: integer('prompt_tokens'),
    completionTokens: integer('completion_tokens'),
    error: jsonb('error').$type<{ code: string; message: string }>(),
    createdAt: createdAt(),
  },
  (table) => [
    index('messages_conversation_idx').on(table.tenantId, table.conversationId, table.createdAt),
  ],
);
