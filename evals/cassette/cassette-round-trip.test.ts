import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatModel } from '../../agent/model/chat-model.ts';
import type { AgentDependencies } from '../../agent/run-turn.ts';
import type { DatabaseHandle } from '../../db/client.ts';
import { seedDemoTenant } from '../../demo/seed.ts';
import { createLogger } from '../../lib/logger.ts';
import { startFakeOpenAIServer } from '../../testing/fake-openai-server.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase, demoSeededAt } from '../../testing/test-database.ts';
import type { EvalSuite } from '../load-suite.ts';
import { runSuite, type SuiteRun } from '../run-suite.ts';
import type { EvalCase } from '../suite-format.ts';
import { cassetteAttempts } from './cassette-attempts.ts';
import { type CassetteSession, startRecording, startReplay } from './cassette-session.ts';

const API_KEY = 'sk-fake-secret-0123456789';
const MODEL = 'fake-model';
/** Where nothing listens: a replay that reached the network would fail. */
const NOWHERE = 'http://127.0.0.1:9/v1';

const RATIO: EvalCase = {
  id: 'stapler-ratio',
  caller: 'dw_demo_rep',
  turns: ['上海地区 C0212040010000910017 的医保报销比例是多少？'],
  expect: { toolsCalled: [{ name: 'lookup_policy' }], facts: [{ number: 70 }] },
};

const FOLLOW_UP: EvalCase = {
  id: 'stapler-follow-up',
  caller: 'dw_demo_rep',
  turns: ['What is the reimbursement ratio for C0212040010000910017 in Shanghai?', 'And in 北京?'],
  expect: { facts: [{ number: 70 }] },
};

const SUITE: EvalSuite = {
  name: 'round-trip',
  file: 'round-trip.jsonl',
  cases: [RATIO, FOLLOW_UP],
};

/** The parts of a run that must come out the same on replay. */
/**
 * What each case's runs came to, without the repeat number: identical requests of repeats
 * share one queue of recorded answers, so which repeat gets which answer may differ.
 */
function outcomes(run: SuiteRun) {
  const perRun = run.runs.map((caseRun) => ({
    caseId: caseRun.caseId,
    status: caseRun.status,
    answers: caseRun.observations.map((observation) => observation.result.message.text),
    tools: caseRun.observations.map((observation) =>
      observation.result.toolCalls.map((call) => call.name),
    ),
  }));
  return perRun.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('a cassette recorded against a local OpenAI-compatible server', () => {
  let database: DatabaseHandle;
  let folder: string;
  let file: string;
  let recorded: SuiteRun;
  let serverRequests: number;
  let streamedRequests: number;

  /** A chat model whose requests go through the cassette's fetch. */
  function modelOn(session: CassetteSession, apiKey: string, baseUrl: string) {
    return createChatModel({
      apiKey,
      baseUrl,
      model: MODEL,
      timeoutMs: 5_000,
      maxRetries: 0,
      logger: createLogger({ level: 'silent' }),
      fetch: session.fetch,
    });
  }

  /** A replaying chat model: no key, and a base URL where nothing listens. */
  function replayModel(session: CassetteSession) {
    return modelOn(session, 'replay', NOWHERE);
  }

  /** The demo agent on a chat model whose requests go through the cassette's fetch. */
  function agentOn(session: CassetteSession, apiKey: string, baseUrl: string): AgentDependencies {
    const chatModel = modelOn(session, apiKey, baseUrl);
    const { agent } = createTestApp(database, { chatModel, clock: () => demoSeededAt() });
    return agent;
  }

  function runOn(session: CassetteSession, agent: AgentDependencies, suite = SUITE) {
    const aroundAttempt = cassetteAttempts({ session, suite: suite.name });
    return runSuite({ agent, suite, repeat: 2, concurrency: 3, aroundAttempt });
  }

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    folder = await mkdtemp(join(tmpdir(), 'dealwise-cassette-'));
    file = join(folder, 'run.cassette.json');

    const server = await startFakeOpenAIServer((body, count) => {
      const answered = body.messages.some((message) => message.role === 'tool');
      if (!answered) {
        const args = { product: 'C0212040010000910017', region: 'Shanghai' };
        return { toolCalls: [{ name: 'lookup_policy', arguments: args }] };
      }
      return { content: `上海的报销比例为 70% [1]（answer #${count}）` };
    });
    const recording = startRecording({
      file,
      meta: {
        recordedAt: demoSeededAt().toISOString(),
        model: MODEL,
        fallbackModel: null,
        judgeModel: null,
      },
      secrets: [API_KEY],
    });
    recorded = await runOn(recording, agentOn(recording, API_KEY, server.baseUrl));
    await recording.save();
    serverRequests = server.requests.length;
    streamedRequests = server.requests.filter((body) => body.stream).length;
    await server.close();
  });

  afterAll(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('records a run on the fake model that passes', () => {
    expect(recorded.runs.map((caseRun) => caseRun.status)).toEqual(Array(4).fill('passed'));
    expect(recorded.model).toBe(MODEL);
    expect(serverRequests).toBeGreaterThanOrEqual(8);
  });

  it('writes every request and response, streamed ones as server-sent events', async () => {
    const cassette = JSON.parse(await readFile(file, 'utf8'));

    expect(cassette.interactions).toHaveLength(serverRequests);
    expect(streamedRequests).toBeGreaterThan(0);
    const bodies = cassette.interactions.map((entry: { response: { body: string } }) =>
      entry.response.body.slice(0, 6),
    );
    expect(bodies).toContain('data: ');
  });

  it('writes neither the API key nor an authorization header', async () => {
    const text = await readFile(file, 'utf8');

    expect(text).not.toContain(API_KEY);
    expect(text.toLowerCase()).not.toContain('authorization');
    expect(text.toLowerCase()).not.toContain('bearer');
  });

  it('replays with the server stopped and no API key, to the same answers and results', async () => {
    const replay = await startReplay({ file });
    const replayed = await runOn(replay, agentOn(replay, 'replay', NOWHERE));

    expect(outcomes(replayed)).toEqual(outcomes(recorded));
    expect(replayed.summary).toMatchObject({ passed: 4, errors: 0 });
    expect(replay.mismatches()).toEqual([]);
  });

  it('replays on a demo tenant seeded afresh, whose knowledge ids differ', async () => {
    const fresh = await createTestDatabase('empty');
    try {
      await seedDemoTenant(fresh.db, { now: demoSeededAt() });
      const replay = await startReplay({ file });
      const chatModel = replayModel(replay);
      const { agent } = createTestApp(fresh, { chatModel, clock: () => demoSeededAt() });

      const replayed = await runOn(replay, agent);

      expect(outcomes(replayed)).toEqual(outcomes(recorded));
      expect(replay.mismatches()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('fails a case whose prompt changed with a cassette mismatch naming the request', async () => {
    const edited = { ...RATIO, turns: ['上海地区 C0212040010000910017 的报销比例？请简短回答'] };
    const suite = { ...SUITE, cases: [edited, FOLLOW_UP] };
    const replay = await startReplay({ file });

    const replayed = await runOn(replay, agentOn(replay, 'replay', NOWHERE), suite);

    const statuses = replayed.runs.map((caseRun) => [caseRun.caseId, caseRun.status]);
    expect(statuses).toEqual([
      ['stapler-ratio', 'error'],
      ['stapler-ratio', 'error'],
      ['stapler-follow-up', 'passed'],
      ['stapler-follow-up', 'passed'],
    ]);
    expect(replayed.runs[0]?.error).toMatch(/^cassette_mismatch: cassette mismatch: /);
    expect(replayed.runs[0]?.error).toContain('请简短回答');
    expect(replayed.runs[0]?.error).toContain('closest recorded request differs at messages[1]');
    expect(replay.mismatches({ suite: 'round-trip', caseId: 'stapler-ratio' })).toHaveLength(2);
    expect(replay.mismatches({ caseId: 'stapler-follow-up' })).toEqual([]);
  });
});
