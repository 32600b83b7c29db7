import type { z } from 'zod';
import type { Caller, Role } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import type { Embedder } from '../knowledge/embedder.ts';
import type { ToolCitation } from './tool-citation.ts';

/** What every tool runs with: the database, the embedder, who is asking and when. */
export interface ToolContext {
  db: Database;
  embedder: Embedder;
  caller: Caller;
  now: Date;
  requestId?: string;
  /**
   * Signs and checks confirmation tokens of write tools (at least 32 characters). Read
   * tools do not need it; a write tool without it refuses with a ConfigurationError.
   */
  confirmationSecret?: string;
}

/** An entry for the audit log: one CRM record, or the main one, that a tool read. */
export interface ToolRead {
  resourceType: string;
  resourceId: string | null;
  details?: Record<string, unknown>;
}

/** A write waiting for the user's yes: what it will do and the token that applies it. */
export interface PendingConfirmation {
  /** Opaque; hand it to {@link applyConfirmedWrite} when the user confirms. */
  token: string;
  expiresAt: string;
  /** What will be written, in words, for the user to confirm. */
  preview: string;
}

/** What a tool returns: its data, the sources it rests on and a one-line summary. */
export interface ToolResult<Output> {
  data: Output;
  citations: ToolCitation[];
  /** One line for logs and the UI; no customer data beyond names. */
  summary: string;
  /** CRM records read, audited by runTool; tools that read only knowledge leave it out. */
  reads?: ToolRead[];
  /**
   * Set by write tools: the agent loop shows the preview and keeps the token for the
   * user's confirmation; it must not hand the token back to the model.
   */
  confirmation?: PendingConfirmation;
}

/** One tool the agent may call, framework-free; a LangChain `tool()` wraps it as is. */
export interface ToolDefinition<Input, Output> {
  /** snake_case, e.g. `search_knowledge`. */
  name: string;
  /** For the model: when to use it, in English. */
  description: string;
  /** zod schema of the arguments, with a description on every field. */
  input: z.ZodType<Input>;
  /** Roles allowed to call it at all; checked by runTool before run(). */
  roles: readonly Role[];
  /** Writes need the user's confirmation before they apply. */
  kind: 'read' | 'write';
  run(context: ToolContext, input: Input): Promise<ToolResult<Output>>;
}

/**
 * A write tool: `run` prepares (validates, checks scope, returns a preview and a
 * confirmation token) and `apply` writes once the user has confirmed.
 */
export interface WriteToolDefinition<Input, Preview, Applied>
  extends ToolDefinition<Input, Preview> {
  kind: 'write';
  apply(context: ToolContext, token: string): Promise<ToolResult<Applied>>;
}

/** Any tool, whatever its input and output; what lists of tools hold. */
export type AnyToolDefinition = ToolDefinition<unknown, unknown>;

/** Roles of the tenant's own staff, for staff-only tools. */
export const STAFF_ROLES: readonly Role[] = ['rep', 'manager', 'admin'];

/** Every role, for tools over public data. */
export const ALL_ROLES: readonly Role[] = [
  'rep',
  'manager',
  'admin',
  'customer_contact',
  'partner',
];
