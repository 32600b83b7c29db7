import type { AgentDependencies } from '../agent/run-turn.ts';
import { DealwiseError, RemoteServiceError } from '../lib/errors.ts';
import type { CassetteReport } from './cassette/cassette-report.ts';
import { checkCase } from './checks/check-case.ts';
import type { JudgeSummary } from './judge/judge-agreement.ts';
import type { EvalSuite } from './load-suite.ts';
import { type CaseAttempt, runCase } from './run-case.ts';
import { runPool } from './run-pool.ts';
import { type EvalCase, plannedTurns } from './suite-format.ts';
import { type CaseRun, type SuiteSummary, summarizeSuite } from './summarize-suite.ts';

export type { CaseRun, CaseStatus, SuiteSummary } from './summarize-suite.ts';

/** A whole run of a suite: every case's runs and the metrics over them. */
export interface SuiteRun {
  suite: { name: string; file: string; cases: number };
  /** The models that answered, e.g. `dealwise-offline`. */
  model: string;
  repeat: number;
  startedAt: string;
  finishedAt: string;
  runs: CaseRun[];
  summary: SuiteSummary;
  /** The LLM judge's agreement with the checks, when `--judge` ran. */
  judge?: JudgeSummary;
  /** The cassette recorded or replayed, and its mismatches, with `--record` or `--replay`. */
  cassette?: CassetteReport;
}

/** How to run a suite; everything but the agent and the suite has a default. */
export interface RunSuiteOptions {
  agent: AgentDependencies;
  suite: EvalSuite;
  /** Runs of each case, for pass^k. Default 1. */
  repeat?: number;
  /** Cases in flight at once. Default 2. */
  concurrency?: number;
  /** Time allowed for all turns of one case attempt. Default 60 s. */
  caseTimeoutMs?: number;
  /** Called after each case run finishes. */
  onProgress?: (done: number, total: number, caseId: string) => void;
  /** Runs each attempt of a case, e.g. inside a cassette's scope; by default just runs it. */
  aroundAttempt?: AroundAttempt;
}

/** Which attempt of which case run is about to start. */
export interface AttemptContext {
  caseId: string;
  repeat: number;
  /** From 1; more after a provider failure. */
  attempt: number;
}

/** Wraps one attempt of a case; may replace its outcome, e.g. with a cassette mismatch. */
export type AroundAttempt = (
  context: AttemptContext,
  attempt: () => Promise<CaseAttempt>,
) => Promise<CaseAttempt>;

/** Retries of a case after a provider failure; a wrong answer is never retried. */
export const PROVIDER_RETRIES = 2;

const DEFAULTS = { repeat: 1, concurrency: 2, caseTimeoutMs: 60_000 };

/**
 * Runs every case of a suite `repeat` times against the agent and checks the answers. A
 * case that cannot be run is recorded as an error and the others go on.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteRun> {
  const { agent, suite } = options;
  const repeat = options.repeat ?? DEFAULTS.repeat;
  const startedAt = new Date().toISOString();
  const jobs = suite.cases.flatMap((evalCase) =>
    Array.from({ length: repeat }, (_, index) => ({ evalCase, repeat: index + 1 })),
  );

  let done = 0;
  const runs = await runPool({
    items: jobs,
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    work: async (job) => {
      const run = await runCaseWithRetries({
        agent,
        ...job,
        timeoutMs: options.caseTimeoutMs ?? DEFAULTS.caseTimeoutMs,
        aroundAttempt: options.aroundAttempt,
      });
      done += 1;
      options.onProgress?.(done, jobs.length, job.evalCase.id);
      return run;
    },
  });

  return {
    suite: { name: suite.name, file: suite.file, cases: suite.cases.length },
    model: modelsOf(runs, agent),
    repeat,
    startedAt,
    finishedAt: new Date().toISOString(),
    runs,
    summary: summarizeSuite({ cases: suite.cases, runs, repeat }),
  };
}

async function runCaseWithRetries(options: {
  agent: AgentDependencies;
  evalCase: EvalCase;
  repeat: number;
  timeoutMs: number;
  aroundAttempt: AroundAttempt | undefined;
}): Promise<CaseRun> {
  const { evalCase, repeat } = options;
  let attempts = 0;
  let attempt: CaseAttempt;
  do {
    attempts += 1;
    const run = (): Promise<CaseAttempt> =>
      runCase({
        agent: options.agent,
        evalCase,
        signal: AbortSignal.timeout(options.timeoutMs),
        requestId: `eval-${evalCase.id}-${repeat}-${attempts}`,
      });
    const context = { caseId: evalCase.id, repeat, attempt: attempts };
    attempt = options.aroundAttempt ? await options.aroundAttempt(context, run) : await run();
  } while (attempt.error instanceof RemoteServiceError && attempts <= PROVIDER_RETRIES);

  const base = {
    caseId: evalCase.id,
    repeat,
    turns: plannedTurns(evalCase).map((turn) => turn.text),
    attempts,
    observations: attempt.observations,
  };
  if (attempt.error !== undefined) {
    return { ...base, status: 'error', error: describeError(attempt.error, options.timeoutMs) };
  }
  const verdict = checkCase(evalCase, attempt.observations);
  return { ...base, status: verdict.passed ? 'passed' : 'failed', verdict };
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `the case took longer than ${timeoutMs} ms`;
  }
  if (error instanceof DealwiseError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function modelsOf(runs: readonly CaseRun[], agent: AgentDependencies): string {
  const models = new Set(
    runs.flatMap((run) => run.observations.map((observation) => observation.result.model)),
  );
  if (models.size > 0) return [...models].sort().join(', ');
  return agent.chatModel ? agent.chatModel.getName() : 'dealwise-offline';
}
