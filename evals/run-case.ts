import type { AgentDependencies } from '../agent/run-turn.ts';
import { streamTurn } from '../agent/run-turn.ts';
import type { TurnResult } from '../agent/turn-events.ts';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { ToolOutput, TurnObservation } from './checks/turn-observation.ts';
import type { EvalCase } from './suite-format.ts';
import { plannedTurns } from './suite-format.ts';

/** What one attempt of a case saw: an observation per answered turn, in order. */
export interface CaseAttempt {
  observations: TurnObservation[];
  /** Why the attempt stopped early; undefined when every turn was answered. */
  error?: unknown;
}

/**
 * Plays a case's turns in one conversation as its demo caller, streaming each turn and
 * observing its result, latency and tool outputs. The attempt stops at the first error or
 * when `signal` aborts; the turns answered before it are kept.
 */
export async function runCase(options: {
  agent: AgentDependencies;
  evalCase: EvalCase;
  signal: AbortSignal;
  requestId: string;
}): Promise<CaseAttempt> {
  const { agent, evalCase, signal } = options;
  const observations: TurnObservation[] = [];
  try {
    const caller = await authenticateApiKey(agent.db, evalCase.caller);
    let conversationId: string | undefined;
    for (const turn of plannedTurns(evalCase)) {
      const observation = await untilAborted(
        observeTurn({
          agent,
          request: {
            caller,
            message: turn.text,
            conversationId,
            persona: evalCase.persona,
            channel: 'api',
            requestId: options.requestId,
            signal,
          },
        }),
        signal,
      );
      observations.push(observation);
      conversationId = observation.result.conversationId;
    }
    return { observations };
  } catch (error) {
    return { observations, error };
  }
}

async function observeTurn(options: {
  agent: AgentDependencies;
  request: Parameters<typeof streamTurn>[1];
}): Promise<TurnObservation> {
  const started = performance.now();
  const toolOutputs: ToolOutput[] = [];
  const events = streamTurn(options.agent, options.request);

  let next = await events.next();
  while (!next.done) {
    const event = next.value;
    if (event.type === 'tool_result') {
      toolOutputs.push({ id: event.id, name: event.name, content: event.content });
    }
    next = await events.next();
  }

  const result: TurnResult = next.value;
  return { result, latencyMs: Math.round(performance.now() - started), toolOutputs };
}

// Limitation: a turn that ignores the signal keeps running after its case timed out.
/** Settles with `work`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
