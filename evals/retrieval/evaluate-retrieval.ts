import type { Caller } from '../../auth/caller.ts';
import {
  type SearchContext,
  type SearchRequest,
  searchKnowledge,
} from '../../knowledge/hybrid-search.ts';
import type { RetrievalQuestion } from './load-questions.ts';
import { ndcgAtK, recallAtK, reciprocalRank } from './metrics.ts';

/** A search mode the eval measures. */
export type SearchMode = NonNullable<SearchRequest['mode']>;

/** Every mode, in the order reports list them. */
export const SEARCH_MODES: readonly SearchMode[] = ['vector', 'text', 'hybrid'];

/** One returned passage, reduced to what the report needs. */
export interface RetrievedPassage {
  sourceId: string;
  chunkId: string;
  score: number;
}

/** How one question fared in one mode. */
export interface QuestionResult {
  id: string;
  mode: SearchMode;
  language: RetrievalQuestion['language'];
  crossLingual: boolean;
  query: string;
  relevant: string[];
  retrieved: RetrievedPassage[];
  recallAt5: number;
  recallAt10: number;
  reciprocalRank: number;
  ndcgAt10: number;
}

export interface EvaluateRetrievalOptions {
  context: SearchContext;
  caller: Caller;
  questions: readonly RetrievalQuestion[];
  modes?: readonly SearchMode[];
  /** Results asked for per question. Default 10. */
  k?: number;
}

/** Runs every question in every mode, one search at a time, and scores each ranking. */
export async function evaluateRetrieval(
  options: EvaluateRetrievalOptions,
): Promise<QuestionResult[]> {
  const results: QuestionResult[] = [];
  for (const mode of options.modes ?? SEARCH_MODES) {
    for (const question of options.questions) {
      const found = await searchKnowledge(options.context, options.caller, {
        query: question.query,
        k: options.k ?? 10,
        mode,
      });
      const retrieved = found.map(({ sourceId, chunkId, score }) => ({ sourceId, chunkId, score }));
      results.push(scoreQuestion(question, mode, retrieved));
    }
  }
  return results;
}

function scoreQuestion(
  question: RetrievalQuestion,
  mode: SearchMode,
  retrieved: RetrievedPassage[],
): QuestionResult {
  const judgement = {
    ranked: retrieved.map((passage) => passage.sourceId),
    relevant: question.relevant,
  };
  return {
    id: question.id,
    mode,
    language: question.language,
    crossLingual: question.crossLingual ?? false,
    query: question.query,
    relevant: question.relevant,
    retrieved,
    recallAt5: recallAtK(judgement, 5),
    recallAt10: recallAtK(judgement, 10),
    reciprocalRank: reciprocalRank(judgement),
    ndcgAt10: ndcgAtK(judgement, 10),
  };
}
