import { type UsageTotals, usageTotals } from '../metrics/usage-totals.ts';
import type { CaseRun } from '../run-suite.ts';

/** A case run the judge and the deterministic checks disagree on. */
export interface JudgeDisagreement {
  caseId: string;
  repeat: number;
  judgePassed: boolean;
  checksPassed: boolean;
}

/** How the judge did over a suite run, and how often it agreed with the checks. */
export interface JudgeSummary {
  model: string;
  /** Case runs the judge gave a verdict on. */
  judged: number;
  /** Case runs the judge failed to grade (judge errors; the cases' own results stand). */
  errors: number;
  /** Judged runs where the judge passed the run exactly when the checks did. */
  agreed: number;
  /** `agreed / judged`; null when nothing was judged. */
  agreement: number | null;
  disagreements: JudgeDisagreement[];
  /** The judge's own tokens and cost, apart from the assistant's. */
  usage: UsageTotals;
}

/**
 * Compares the judge's verdicts with the deterministic outcome of each judged case run, and
 * adds up what the judge's calls took.
 */
export function judgeAgreement(model: string, runs: readonly CaseRun[]): JudgeSummary {
  const judged = runs.flatMap((run) =>
    run.judgement?.passed === undefined
      ? []
      : [{ run, judgePassed: run.judgement.passed, checksPassed: run.status === 'passed' }],
  );
  const disagreements = judged
    .filter(({ judgePassed, checksPassed }) => judgePassed !== checksPassed)
    .map(({ run, judgePassed, checksPassed }) => ({
      caseId: run.caseId,
      repeat: run.repeat,
      judgePassed,
      checksPassed,
    }));
  const agreed = judged.length - disagreements.length;
  return {
    model,
    judged: judged.length,
    errors: runs.filter((run) => run.judgement?.error !== undefined).length,
    agreed,
    agreement: judged.length === 0 ? null : agreed / judged.length,
    disagreements,
    usage: usageTotals(runs.flatMap((run) => run.judgement?.turns.map((turn) => turn.usage) ?? [])),
  };
}
