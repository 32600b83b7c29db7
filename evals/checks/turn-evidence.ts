import type { TurnObservation } from './turn-observation.ts';

/**
 * The text an answer may rest on: the tools' full outputs when the runner saw them, else the
 * cited passages' snippets, titles and places and the tool calls' summaries.
 */
export function evidenceTexts(observation: TurnObservation): string[] {
  if (observation.toolOutputs?.length) {
    return observation.toolOutputs.map((output) => output.content);
  }
  const { result } = observation;
  const citations = result.message.citations.map((citation) =>
    [citation.title, citation.locator, typeof citation.snippet === 'string' ? citation.snippet : '']
      .filter(Boolean)
      .join('\n'),
  );
  const summaries = result.toolCalls.flatMap((call) =>
    typeof call.result === 'string' ? [call.result] : [],
  );
  return [...citations, ...summaries];
}

/**
 * The source ids the turn's tools returned, from their full outputs; undefined when the
 * runner did not see the outputs, so that nothing can be said about it.
 */
export function returnedSourceIds(observation: TurnObservation): Set<string> | undefined {
  const ranked = rankedSourceIds(observation);
  return ranked === undefined ? undefined : new Set(ranked);
}

/**
 * The distinct source ids the turn's tools returned, in the order they returned them (a
 * search's ranking, then the next tool's); undefined when the runner did not see the outputs.
 */
export function rankedSourceIds(observation: TurnObservation): string[] | undefined {
  if (!observation.toolOutputs) return undefined;
  const ids = new Set<string>();
  for (const output of observation.toolOutputs) {
    for (const citation of citationsIn(output.content)) {
      if (typeof citation.sourceId === 'string') ids.add(citation.sourceId);
      else if (typeof citation.resourceType === 'string') {
        ids.add(`${citation.resourceType}:${String(citation.id ?? citation.title)}`);
      }
    }
  }
  return [...ids];
}

function citationsIn(content: string): Record<string, unknown>[] {
  try {
    const parsed = JSON.parse(content) as { citations?: unknown };
    return Array.isArray(parsed.citations)
      ? parsed.citations.filter(
          (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
        )
      : [];
  } catch {
    return [];
  }
}
