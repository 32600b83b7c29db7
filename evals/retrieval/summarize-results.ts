import type { QuestionResult, SearchMode } from './evaluate-retrieval.ts';
import { mean } from './metrics.ts';

/** A slice of the questions: all, by question language, or the cross-lingual ones. */
export type QuestionGroup = 'all' | 'zh' | 'en' | 'cross-lingual';

/** Every group, in the order reports list them. */
export const QUESTION_GROUPS: readonly QuestionGroup[] = ['all', 'zh', 'en', 'cross-lingual'];

/** Mean metrics of one mode over one group of questions. */
export interface MetricSummary {
  mode: SearchMode;
  group: QuestionGroup;
  questions: number;
  recallAt5: number;
  recallAt10: number;
  meanReciprocalRank: number;
  ndcgAt10: number;
}

/** Averages the per-question results for every mode and group that has questions. */
export function summarizeResults(
  results: readonly QuestionResult[],
  modes: readonly SearchMode[],
): MetricSummary[] {
  const summaries: MetricSummary[] = [];
  for (const group of QUESTION_GROUPS) {
    for (const mode of modes) {
      const slice = results.filter((result) => result.mode === mode && inGroup(result, group));
      if (slice.length > 0) summaries.push(summarize(slice, { mode, group }));
    }
  }
  return summaries;
}

/** The results of a mode that left at least one relevant source out of the top 10. */
export function missesAt10(results: readonly QuestionResult[], mode: SearchMode): QuestionResult[] {
  return results.filter((result) => result.mode === mode && result.recallAt10 < 1);
}

function inGroup(result: QuestionResult, group: QuestionGroup): boolean {
  if (group === 'all') return true;
  if (group === 'cross-lingual') return result.crossLingual;
  return result.language === group;
}

function summarize(
  slice: readonly QuestionResult[],
  key: { mode: SearchMode; group: QuestionGroup },
): MetricSummary {
  return {
    ...key,
    questions: slice.length,
    recallAt5: mean(slice.map((result) => result.recallAt5)),
    recallAt10: mean(slice.map((result) => result.recallAt10)),
    meanReciprocalRank: mean(slice.map((result) => result.reciprocalRank)),
    ndcgAt10: mean(slice.map((result) => result.ndcgAt10)),
  };
}
