import type { CaseRun, CaseStatus, SuiteRun } from '../run-suite.ts';
import type { EvalCase } from '../suite-format.ts';
import { summarizeSuite } from '../summarize-suite.ts';
import { turnResult } from './turn-result.ts';

/** A case run for report and comparison tests: one answered turn with the given status. */
export function caseRun(options: {
  caseId: string;
  status: CaseStatus;
  repeat?: number;
  userText?: string;
  answer?: string;
  result?: Partial<Parameters<typeof turnResult>[0]>;
  detail?: string;
}): CaseRun {
  const passed = options.status === 'passed';
  const check = { check: 'facts', passed, detail: options.detail ?? 'all 1 fact(s) stated' };
  return {
    caseId: options.caseId,
    repeat: options.repeat ?? 1,
    turns: [options.userText ?? `question of ${options.caseId}`],
    status: options.status,
    attempts: 1,
    observations: [
      {
        result: turnResult({ text: options.answer ?? 'an answer', ...options.result }),
        latencyMs: 120,
      },
    ],
    ...(options.status === 'error'
      ? { error: 'provider_down: the provider is down' }
      : {
          verdict: {
            caseId: options.caseId,
            passed,
            turns: [{ turn: 1, passed, checks: [check] }],
          },
        }),
  };
}

/** A suite run made of the given case runs, with metrics computed as the runner does. */
export function suiteRun(name: string, runs: CaseRun[]): SuiteRun {
  const ids = [...new Set(runs.map((run) => run.caseId))];
  const cases: EvalCase[] = ids.map((id) => ({
    id,
    caller: 'dw_demo_rep',
    turns: [`question of ${id}`],
    expect: { facts: [{ text: 'answer' }] },
  }));
  const repeat = Math.max(1, ...runs.map((run) => run.repeat));
  return {
    suite: { name, file: `${name}.jsonl`, cases: cases.length },
    model: 'dealwise-offline',
    repeat,
    startedAt: '2025-05-01T08:00:00.000Z',
    finishedAt: '2025-05-01T08:01:00.000Z',
    runs,
    summary: summarizeSuite({ cases, runs, repeat }),
  };
}
