import type { TurnResult } from '../../agent/turn-events.ts';
import type { StoredCitation } from '../../db/schema/index.ts';

/** What a tool gave the model in a turn: the `tool_result` event's JSON content. */
export interface ToolOutput {
  id: string;
  name: string;
  content: string;
}

/**
 * One answered turn as the checks see it: the agent's result, and what the runner measured
 * or saw streamed beside it.
 */
export interface TurnObservation {
  result: TurnResult;
  /** Wall-clock time of the turn; the latency check is skipped without it. */
  latencyMs?: number;
  /**
   * The tools' full outputs from the turn's `tool_result` events. Without them, the passages
   * are the citations' snippets and the tool calls' one-line summaries.
   */
  toolOutputs?: readonly ToolOutput[];
}

/** The outcome of one check: its name, whether it passed and, in words, why. */
export interface CheckResult {
  check: string;
  passed: boolean;
  detail: string;
}

/** The source id of a citation: a knowledge source id, or `type:id` for a CRM record. */
export function sourceIdOf(citation: StoredCitation): string {
  if (typeof citation.sourceId === 'string') return citation.sourceId;
  return `${String(citation.resourceType ?? 'record')}:${String(citation.id ?? citation.title)}`;
}

/** The source ids the answer cites, without repeats, in order. */
export function citedSourceIds(observation: TurnObservation): string[] {
  return [...new Set(observation.result.message.citations.map(sourceIdOf))];
}
