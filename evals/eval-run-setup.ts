import { createChatModel } from '../agent/model/chat-model.ts';
import type { AgentDependencies } from '../agent/run-turn.ts';
import type { Config } from '../lib/config.ts';
import { InputError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { cassetteAttempts } from './cassette/cassette-attempts.ts';
import { cassetteJudge } from './cassette/cassette-judge.ts';
import { cassetteReport } from './cassette/cassette-report.ts';
import { type CassetteSession, startRecording, startReplay } from './cassette/cassette-session.ts';
import { evalModelConfig, judgeModelConfig } from './eval-model.ts';
import type { EvalOptions } from './eval-options.ts';
import { createChatJudge, type Judge } from './judge/chat-judge.ts';
import { judgeSuiteRun } from './judge/judge-suite-run.ts';
import type { EvalSuite } from './load-suite.ts';
import type { AroundAttempt, SuiteRun } from './run-suite.ts';

/** What `--model`, `--record`, `--replay` and `--judge` add to an eval run. */
export interface EvalRunSetup {
  /** The configuration with the agent's model chosen by `--model` or the cassette. */
  config: Config;
  /** For seeding the demo tenant: with a cassette, the moment its relative dates count from. */
  seedOptions: { now?: Date };
  /** For creating the agent: with a cassette, the fetch its model must use. */
  agentOptions: { fetch?: typeof fetch };
  /** The agent with its clock pinned to the cassette's moment; as it is without a cassette. */
  pinClock(agent: AgentDependencies): AgentDependencies;
  /** Wraps each case attempt of a suite, with a cassette. */
  aroundAttempt(suite: string): AroundAttempt | undefined;
  /**
   * Judges a suite's run when asked to, and adds what the cassette saw of it; a recording is
   * saved after every suite, so an interrupted run keeps the suites it finished.
   */
  finishSuite(run: SuiteRun, suite: EvalSuite): Promise<SuiteRun>;
  /** For a run interrupted (Ctrl-C): saves what a recording holds so far; lines to print. */
  interrupted(): Promise<string[]>;
  /** Saves a recording; returns lines for the console. */
  finish(): Promise<string[]>;
}

/**
 * Reads the cassette to replay, settles the models of the agent and the judge, and starts
 * recording. Throws a ConfigurationError when a model is named without an API key, and an
 * InputError for a cassette that cannot be read or a recording that would hold nothing.
 */
export async function prepareEvalRun(options: {
  config: Config;
  evalOptions: EvalOptions;
  logger: Logger;
}): Promise<EvalRunSetup> {
  const { evalOptions } = options;
  const replay = evalOptions.replay ? await startReplay({ file: evalOptions.replay }) : undefined;
  const replaying = replay?.meta;
  const model = evalModelConfig({ config: options.config, model: evalOptions.model, replaying });
  const judgeModel = evalOptions.judge
    ? judgeModelConfig({ config: options.config, judge: evalOptions.judge, replaying })
    : undefined;
  const config = { ...options.config, model };
  const now = replaying
    ? new Date(replaying.recordedAt)
    : evalOptions.record
      ? new Date()
      : undefined;

  const session =
    replay ??
    (evalOptions.record
      ? startRecordingFor({
          file: evalOptions.record,
          config: options.config,
          model,
          judgeModel,
          now,
        })
      : undefined);
  const judge = judgeModel
    ? judgeFor({ model: judgeModel, session, logger: options.logger })
    : undefined;

  return {
    config,
    seedOptions: now ? { now } : {},
    agentOptions: session ? { fetch: session.fetch } : {},
    pinClock: (agent) => (now ? { ...agent, clock: () => now } : agent),
    aroundAttempt: (suite) => (session ? cassetteAttempts({ session, suite }) : undefined),
    finishSuite: async (run, suite) => {
      const judged = judge
        ? await judgeSuiteRun({ run, suite, judge, concurrency: evalOptions.concurrency })
        : run;
      if (session?.mode === 'record') await session.save();
      return session ? { ...judged, cassette: cassetteReport(session, suite.name) } : judged;
    },
    interrupted: async () => {
      if (session?.mode !== 'record') return [];
      const saved = await session.save({ ended: true });
      return [`Interrupted: the ${saved} model request(s) recorded so far are in ${session.file}.`];
    },
    finish: () => finishCassette(session),
  };
}

// Limitation: only the chat model's requests are recorded; an OpenAI embedder still calls out.
function startRecordingFor(options: {
  file: string;
  config: Config;
  model: Config['model'];
  judgeModel: Config['model'] | undefined;
  now: Date | undefined;
}): CassetteSession {
  const { model, judgeModel } = options;
  if (!model.apiKey && !judgeModel) {
    throw new InputError({
      code: 'nothing_to_record',
      message:
        '--record needs a model that calls a provider, and this run is on the offline model; ' +
        'set OPENAI_API_KEY or pass --model <name>, or drop --record.',
    });
  }
  return startRecording({
    file: options.file,
    meta: {
      recordedAt: (options.now ?? new Date()).toISOString(),
      model: model.apiKey ? model.name : null,
      fallbackModel: (model.apiKey && model.fallbackName) || null,
      judgeModel: judgeModel?.name ?? null,
    },
    secrets: [options.config.model.apiKey, secretOf(options.config.embeddings)],
  });
}

function secretOf(embeddings: Config['embeddings']): string | undefined {
  return embeddings.provider === 'openai' ? embeddings.apiKey : undefined;
}

function judgeFor(options: {
  model: Config['model'];
  session: CassetteSession | undefined;
  logger: Logger;
}): Judge {
  const { model, session } = options;
  const judge = createChatJudge({
    name: model.name,
    model: createChatModel({
      apiKey: model.apiKey ?? '',
      baseUrl: model.baseUrl,
      model: model.name,
      timeoutMs: model.timeoutMs,
      maxRetries: model.maxRetries,
      logger: options.logger,
      ...(session ? { fetch: session.fetch } : {}),
    }),
  });
  return session ? cassetteJudge({ session, judge }) : judge;
}

async function finishCassette(session: CassetteSession | undefined): Promise<string[]> {
  if (session === undefined) return [];
  if (session.mode === 'record') {
    const saved = await session.save();
    return [
      `Recorded ${saved} model request(s) to ${session.file}; replay with --replay ${session.file}`,
    ];
  }

  const mismatches = session.mismatches().length;
  if (mismatches === 0) return [`Replayed from ${session.file}: every model request matched.`];
  return [
    `Replayed from ${session.file}: ${mismatches} model request(s) did not match the cassette ` +
      `(cassette mismatch; the cases are errors). Record it again with --record ${session.file}.`,
  ];
}
