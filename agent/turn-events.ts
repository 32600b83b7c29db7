import type { StoredCitation } from '../db/schema/index.ts';
import type { PendingWrite } from './turn-record.ts';

/** The outcome of a turn: the answer and everything the client shows with it. */
export interface TurnResult {
  conversationId: string;
  messageId: string;
  message: { text: string; citations: StoredCitation[] };
  toolCalls: { id: string; name: string; arguments: unknown; result?: unknown; error?: string }[];
  /** Writes prepared this turn, applied only when the user confirms them. */
  pendingWrites: PendingWrite[];
  model: string;
  /** True when the configured model failed and the offline model answered instead. */
  fallback: boolean;
  usage: { promptTokens: number; completionTokens: number; cost: number | 'unknown' };
}

/** What a turn streams as it goes: the SSE events of `POST /v1/chat`. */
export type TurnEvent =
  | { type: 'token'; text: string }
  | { type: 'tool_call'; id: string; name: string; arguments: unknown }
  | { type: 'tool_result'; id: string; name: string; content: string }
  | { type: 'citation'; citation: StoredCitation }
  | { type: 'done'; result: TurnResult };
