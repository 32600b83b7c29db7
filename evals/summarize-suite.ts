import type { CaseVerdict } from './checks/check-case.ts';
import { detectRefusal } from './checks/detect-refusal.ts';
import { detectUnknown } from './checks/detect-unknown.ts';
import { evidenceTexts } from './checks/turn-evidence.ts';
import type { TurnObservation } from './checks/turn-observation.ts';
import type { CaseJudgement } from './judge/case-judgement.ts';
import { citationValidity } from './metrics/citation-validity.ts';
import { groundedness } from './metrics/groundedness.ts';
import { type LabelCorrectness, labelCorrectness } from './metrics/label-correctness.ts';
import { type LatencySummary, latencySummary } from './metrics/latency.ts';
import { passHatK, passRate } from './metrics/pass-rate.ts';
import { type RetrievalRecall, retrievalRecall } from './metrics/retrieval-recall.ts';
import { type ToolSelectionScore, toolSelection } from './metrics/tool-selection.ts';
import { type UsageTotals, usageTotals } from './metrics/usage-totals.ts';
import { type EvalCase, type Expectation, plannedTurns } from './suite-format.ts';

/** How one run of one case ended. */
export type CaseStatus = 'passed' | 'failed' | 'error';

/** One run of one case: its outcome and what the runner observed. */
export interface CaseRun {
  caseId: string;
  /** Which repeat this is, from 1. */
  repeat: number;
  /** The user's messages, in order; absent in runs written before they were recorded. */
  turns?: string[];
  status: CaseStatus;
  verdict?: CaseVerdict;
  /** Why the case could not be run to the end, for status `error`. */
  error?: string;
  /** Attempts made; more than one after a provider failure. */
  attempts: number;
  observations: TurnObservation[];
  /** The LLM judge's grading, with its reasoning, when `--judge` ran and the case has a rubric. */
  judgement?: CaseJudgement;
}

/** The metrics of a suite run; ratios are null where there was nothing to count. */
export interface SuiteSummary {
  cases: number;
  runs: number;
  passed: number;
  failed: number;
  errors: number;
  /** Passed runs over all runs; an error counts as not passed. */
  passRate: number;
  /** The k of pass^k: the number of repeats. */
  k: number;
  passHatK: number;
  toolSelection: ToolSelectionScore;
  /** Pooled over the turns that had evidence to check against. */
  groundedness: { turns: number; sentenceSupport: number | null; numberSupport: number | null };
  citationValidity: { turns: number; checked: number; valid: number; share: number | null };
  /** Recall@k of the sources turns are labelled with (`citesSources`). */
  retrievalRecall: RetrievalRecall;
  refusal: LabelCorrectness;
  unknown: LabelCorrectness;
  latency: LatencySummary;
  usage: UsageTotals;
}

interface ObservedTurn {
  observation: TurnObservation;
  expect: Expectation | undefined;
}

/** Summarizes the runs of a suite's cases with the metrics of evals/metrics. */
export function summarizeSuite(options: {
  cases: readonly EvalCase[];
  runs: readonly CaseRun[];
  repeat: number;
}): SuiteSummary {
  const { runs } = options;
  const turns = observedTurns(options.cases, runs);
  const count = (status: CaseStatus): number => runs.filter((run) => run.status === status).length;

  return {
    cases: options.cases.length,
    runs: runs.length,
    passed: count('passed'),
    failed: count('failed'),
    errors: count('error'),
    passRate: passRate(runs.map((run) => run.status === 'passed')),
    k: options.repeat,
    passHatK: passHatK(outcomesByCase(options.cases, runs), options.repeat),
    toolSelection: toolSelection(
      turns.flatMap(({ observation, expect }) =>
        expect?.toolsCalled
          ? [{ expected: expect.toolsCalled, calls: observation.result.toolCalls }]
          : [],
      ),
    ),
    groundedness: pooledGroundedness(turns),
    citationValidity: pooledCitationValidity(turns),
    retrievalRecall: retrievalRecall(
      turns.flatMap(({ observation, expect }) =>
        expect?.citesSources?.length ? [{ observation, labelled: expect.citesSources }] : [],
      ),
    ),
    refusal: labelCorrectness(
      labelled(turns, 'mustRefuse', (turn) => detectRefusal(turn.result) !== undefined),
    ),
    unknown: labelCorrectness(
      labelled(turns, 'mustSayUnknown', (turn) => detectUnknown(turn.result) !== undefined),
    ),
    latency: latencySummary(
      turns.flatMap(({ observation }) =>
        observation.latencyMs === undefined ? [] : [observation.latencyMs],
      ),
    ),
    usage: usageTotals(turns.map(({ observation }) => observation.result.usage)),
  };
}

/** Every answered turn of every run, with the expectation it was checked against. */
function observedTurns(cases: readonly EvalCase[], runs: readonly CaseRun[]): ObservedTurn[] {
  const planned = new Map(cases.map((evalCase) => [evalCase.id, plannedTurns(evalCase)]));
  return runs.flatMap((run) =>
    run.observations.map((observation, index) => ({
      observation,
      expect: planned.get(run.caseId)?.[index]?.expect,
    })),
  );
}

function outcomesByCase(cases: readonly EvalCase[], runs: readonly CaseRun[]): boolean[][] {
  return cases.map((evalCase) =>
    runs
      .filter((run) => run.caseId === evalCase.id)
      .sort((a, b) => a.repeat - b.repeat)
      .map((run) => run.status === 'passed'),
  );
}

function pooledGroundedness(turns: readonly ObservedTurn[]): SuiteSummary['groundedness'] {
  let judged = 0;
  let sentences = 0;
  let supported = 0;
  let numbers = 0;
  let grounded = 0;
  for (const { observation } of turns) {
    const evidence = evidenceTexts(observation);
    if (evidence.length === 0) continue;
    const score = groundedness({ answer: observation.result.message.text, evidence });
    judged += 1;
    sentences += score.sentences;
    supported += score.supportedSentences;
    numbers += score.numbers;
    grounded += score.groundedNumbers;
  }
  return {
    turns: judged,
    sentenceSupport: ratio(supported, sentences),
    numberSupport: ratio(grounded, numbers),
  };
}

function pooledCitationValidity(turns: readonly ObservedTurn[]): SuiteSummary['citationValidity'] {
  let checked = 0;
  let valid = 0;
  for (const { observation } of turns) {
    const score = citationValidity(observation);
    checked += score.checked;
    valid += score.valid;
  }
  return { turns: turns.length, checked, valid, share: ratio(valid, checked) };
}

function labelled(
  turns: readonly ObservedTurn[],
  field: 'mustRefuse' | 'mustSayUnknown',
  actual: (observation: TurnObservation) => boolean,
): { expected: boolean; actual: boolean }[] {
  return turns.flatMap(({ observation, expect }) => {
    const expected = expect?.[field];
    return expected === undefined ? [] : [{ expected, actual: actual(observation) }];
  });
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
