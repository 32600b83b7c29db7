import { describeUsage } from '../metrics/usage-totals.ts';
import type { CaseRun, SuiteRun } from '../run-suite.ts';

/**
 * Console lines on the judge's part in a suite run: its agreement with the checks, then
 * each case run they disagree on (with the judge's reasoning) and each judge error. None
 * when the run was not judged.
 */
export function judgeLines(run: SuiteRun): string[] {
  const { judge } = run;
  if (judge === undefined) return [];
  if (judge.judged === 0 && judge.errors === 0) {
    return [`Judge ${judge.model} on ${run.suite.name}: no case run with a rubric to judge`];
  }
  const agreement = judge.agreement === null ? '-' : `${(judge.agreement * 100).toFixed(1)}%`;
  const errors = judge.errors > 0 ? `, ${judge.errors} judge error(s)` : '';
  const lines = [
    `Judge ${judge.model} on ${run.suite.name}: ${judge.judged} run(s) judged, agreement ` +
      `with the checks ${agreement} (${judge.agreed}/${judge.judged})${errors}; the judge ` +
      `used ${describeUsage(judge.usage)}`,
  ];

  const where = (caseRun: { caseId: string; repeat: number }): string =>
    `${run.suite.name}/${caseRun.caseId} (run ${caseRun.repeat})`;
  for (const disagreement of judge.disagreements) {
    const caseRun = run.runs.find(
      (candidate) =>
        candidate.caseId === disagreement.caseId && candidate.repeat === disagreement.repeat,
    );
    const verdicts =
      `judge ${passOrFail(disagreement.judgePassed)}, ` +
      `checks ${passOrFail(disagreement.checksPassed)}`;
    lines.push(`- ${where(disagreement)} ${verdicts}: ${reasoningOf(caseRun)}`);
  }
  for (const caseRun of run.runs) {
    const error = caseRun.judgement?.error;
    if (error !== undefined) lines.push(`- ${where(caseRun)} judge error: ${error}`);
  }
  return lines;
}

function passOrFail(passed: boolean): string {
  return passed ? 'pass' : 'fail';
}

function reasoningOf(caseRun: CaseRun | undefined): string {
  const reasons = (caseRun?.judgement?.turns ?? []).map((turn) => turn.reasoning).filter(Boolean);
  return reasons.length > 0 ? reasons.join(' / ') : '(no reasoning given)';
}
