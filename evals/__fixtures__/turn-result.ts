import type { TurnResult } from '../../agent/turn-events.ts';

/** A turn result for check and metric tests: an answer, tool calls and citations. */
export function turnResult(options: {
  text: string;
  toolCalls?: TurnResult['toolCalls'];
  citations?: TurnResult['message']['citations'];
  usage?: TurnResult['usage'];
}): TurnResult {
  return {
    conversationId: 'c-1',
    messageId: 'm-1',
    message: { text: options.text, citations: options.citations ?? [] },
    toolCalls: options.toolCalls ?? [],
    pendingWrites: [],
    model: 'dealwise-offline',
    fallback: false,
    usage: options.usage ?? { promptTokens: 0, completionTokens: 0, cost: 0 },
  };
}

/** A knowledge citation numbered n, from a source id and a snippet. */
export function knowledgeCitation(n: number, sourceId: string, snippet = '') {
  return { n, kind: 'knowledge' as const, title: sourceId, locator: '', sourceId, snippet };
}
