import { rankedSourceIds } from '../checks/turn-evidence.ts';
import type { TurnObservation } from '../checks/turn-observation.ts';

/** Recall@k of the sources a suite labels, pooled over the turns that label any. */
export interface RetrievalRecall {
  k: number;
  /** Turns with labelled sources whose tool outputs the runner saw. */
  turns: number;
  /** Mean over those turns of the labelled sources found in the top k; null without any. */
  recall: number | null;
}

/** How many of the passages a turn's tools returned count as retrieved. */
export const RECALL_K = 10;

/**
 * Retrieval recall@k: for each turn labelled with the sources it must cite, the share of
 * them among the first k distinct sources its tools returned, in the order returned.
 */
export function retrievalRecall(
  turns: readonly { observation: TurnObservation; labelled: readonly string[] }[],
  k: number = RECALL_K,
): RetrievalRecall {
  const recalls = turns.flatMap(({ observation, labelled }) => {
    const ranked = rankedSourceIds(observation);
    if (ranked === undefined || labelled.length === 0) return [];
    const top = new Set(ranked.slice(0, k));
    return [labelled.filter((source) => top.has(source)).length / labelled.length];
  });
  const recall = recalls.length === 0 ? null : recalls.reduce((a, b) => a + b, 0) / recalls.length;
  return { k, turns: recalls.length, recall };
}
