import type { EvalSuite } from '../load-suite.ts';
import { runPool } from '../run-pool.ts';
import type { CaseRun, SuiteRun } from '../run-suite.ts';
import { judgeCaseRun } from './case-judgement.ts';
import type { Judge } from './chat-judge.ts';
import { judgeAgreement } from './judge-agreement.ts';

/**
 * Has the judge grade every case run with a rubric, stores each judgement (reasoning and
 * tokens included) in its case run, and adds the judge's agreement with the checks and its
 * usage to the run. A judge that fails leaves a judge error on the case run; its status does
 * not change.
 */
export async function judgeSuiteRun(options: {
  run: SuiteRun;
  suite: EvalSuite;
  judge: Judge;
  /** Case runs graded at once. Default 2. */
  concurrency?: number;
}): Promise<SuiteRun> {
  const { run, suite, judge } = options;
  const cases = new Map(suite.cases.map((evalCase) => [evalCase.id, evalCase]));

  const runs = await runPool({
    items: run.runs,
    concurrency: options.concurrency ?? 2,
    work: async (caseRun): Promise<CaseRun> => {
      const evalCase = cases.get(caseRun.caseId);
      if (evalCase === undefined) return caseRun;
      const judgement = await judgeCaseRun({ judge, suite: run.suite.name, evalCase, caseRun });
      return judgement === undefined ? caseRun : { ...caseRun, judgement };
    },
  });
  return { ...run, runs, judge: judgeAgreement(judge.model, runs) };
}
