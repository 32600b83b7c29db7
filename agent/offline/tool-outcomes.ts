import { AIMessage, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { ToolCitation } from '../../tools/tool-citation.ts';

/** A tool's result as the agent loop handed it back: data, citations, summary. */
export interface ToolSuccess {
  tool: string;
  ok: true;
  data: unknown;
  citations: ToolCitation[];
  summary: string | undefined;
}

/** A tool's error as the agent loop handed it back. */
export interface ToolFailure {
  tool: string;
  ok: false;
  code: string;
  message: string;
}

/** What one tool call came back with. */
export type ToolOutcome = ToolSuccess | ToolFailure;

const citation = z.union([
  z.looseObject({ kind: z.literal('knowledge'), chunkId: z.string(), title: z.string() }),
  z.looseObject({
    kind: z.literal('record'),
    resourceType: z.string(),
    id: z.string(),
    title: z.string(),
  }),
]);

const failure = z.object({
  error: z.looseObject({ code: z.string().optional(), message: z.string().optional() }),
});

const success = z.looseObject({
  data: z.unknown(),
  citations: z.array(z.unknown()).optional(),
  summary: z.string().optional(),
});

/**
 * The outcomes of the tool calls of the last AI message, in call order, read from the
 * ToolMessages after it. Content that is not a tool result's JSON is kept as text data.
 */
export function readToolOutcomes(messages: readonly BaseMessage[]): ToolOutcome[] {
  const callIndex = messages.findLastIndex(
    (message) => AIMessage.isInstance(message) && (message.tool_calls?.length ?? 0) > 0,
  );
  const call = messages[callIndex] as AIMessage | undefined;
  const names = new Map((call?.tool_calls ?? []).map((entry) => [entry.id, entry.name]));

  return messages
    .slice(callIndex + 1)
    .filter((message): message is ToolMessage => ToolMessage.isInstance(message))
    .map((message) => outcomeOf(message, names.get(message.tool_call_id) ?? message.name ?? ''));
}

function outcomeOf(message: ToolMessage, tool: string): ToolOutcome {
  const text = contentText(message.content);
  const json = parseJson(text);

  const failed = failure.safeParse(json);
  if (failed.success) {
    const { code, message: reason } = failed.data.error;
    return { tool, ok: false, code: code ?? 'tool_error', message: reason ?? '' };
  }
  if (message.status === 'error') return { tool, ok: false, code: 'tool_error', message: text };

  const result = success.safeParse(json);
  if (!result.success) return { tool, ok: true, data: text, citations: [], summary: undefined };
  return {
    tool,
    ok: true,
    data: result.data.data,
    citations: validCitations(result.data.citations ?? []),
    summary: result.data.summary,
  };
}

function validCitations(entries: readonly unknown[]): ToolCitation[] {
  return entries.flatMap((entry) => {
    const parsed = citation.safeParse(entry);
    return parsed.success ? [parsed.data as unknown as ToolCitation] : [];
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The text of a message's content, whether a string or a list of content blocks. */
export function contentText(content: BaseMessage['content']): string {
  if (typeof content === 'string') return content;
  return content
    .map((block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .join('');
}
