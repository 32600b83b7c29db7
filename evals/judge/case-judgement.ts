import type { TurnObservation } from '../checks/turn-observation.ts';
import type { CaseRun } from '../run-suite.ts';
import { type EvalCase, plannedTurns } from '../suite-format.ts';
import type { GradedVerdict, Judge } from './chat-judge.ts';
import type { JudgeRequest } from './judge-prompt.ts';

/** The judge's verdict on one turn that has a rubric, and its tokens and cost. */
export interface TurnJudgement extends GradedVerdict {
  /** From 1. */
  turn: number;
  rubric: string;
}

/** The judge's grading of one case run, beside (never instead of) its deterministic checks. */
export interface CaseJudgement {
  model: string;
  /** True when the judge passed every rubric turn; absent after a judge error. */
  passed?: boolean;
  turns: TurnJudgement[];
  /** Why the judge could not grade the run: a judge error, not a failure of the case. */
  error?: string;
}

/**
 * Asks the judge about every answered turn of a case run that has a rubric, in order.
 * Undefined when there is nothing to judge: no rubric, or a run that ended in an error.
 */
export async function judgeCaseRun(options: {
  judge: Judge;
  suite: string;
  evalCase: EvalCase;
  caseRun: CaseRun;
}): Promise<CaseJudgement | undefined> {
  const { caseRun, judge } = options;
  if (caseRun.status === 'error') return undefined;
  const requests = judgeRequests(options);
  if (requests.length === 0) return undefined;

  const turns: TurnJudgement[] = [];
  try {
    for (const request of requests) {
      const verdict = await judge.grade(request);
      turns.push({ turn: request.turn, rubric: request.rubric, ...verdict });
    }
  } catch (error) {
    return { model: judge.model, turns, error: describeJudgeError(error) };
  }
  return { model: judge.model, passed: turns.every((turn) => turn.passed), turns };
}

function judgeRequests(options: {
  suite: string;
  evalCase: EvalCase;
  caseRun: CaseRun;
}): JudgeRequest[] {
  const { caseRun } = options;
  const planned = plannedTurns(options.evalCase);
  return planned.flatMap((turn, index) => {
    const rubric = turn.expect?.rubric;
    const observation = caseRun.observations[index];
    if (rubric === undefined || observation === undefined) return [];

    const transcript = planned.slice(0, index + 1).map((asked, earlier) => ({
      user: asked.text,
      assistant: caseRun.observations[earlier]?.result.message.text ?? '',
    }));
    return [
      {
        suite: options.suite,
        caseId: caseRun.caseId,
        repeat: caseRun.repeat,
        turn: index + 1,
        rubric,
        transcript,
        toolCalls: toolCallLines(observation),
        citations: citationLines(observation),
      },
    ];
  });
}

function toolCallLines(observation: TurnObservation): string[] {
  return observation.result.toolCalls.map(
    (call) => `${call.name} ${JSON.stringify(call.arguments ?? {})}`,
  );
}

function citationLines(observation: TurnObservation): string[] {
  return observation.result.message.citations.map((citation) => {
    const source = typeof citation.sourceId === 'string' ? ` (${citation.sourceId})` : '';
    return `[${citation.n}] ${citation.title}${source}`;
  });
}

function describeJudgeError(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
