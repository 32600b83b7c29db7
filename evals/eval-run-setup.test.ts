import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentDependencies } from '../agent/create-agent-dependencies.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createOfflineEmbedder } from '../knowledge/offline-embedder.ts';
import { type Config, loadConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { startFakeOpenAIServer } from '../testing/fake-openai-server.ts';
import { TEST_CONFIRMATION_SECRET } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { loadCassette } from './cassette/cassette-file.ts';
import { parseEvalOptions } from './eval-options.ts';
import { type EvalRunSetup, prepareEvalRun } from './eval-run-setup.ts';
import type { EvalSuite } from './load-suite.ts';
import { runSuite, type SuiteRun } from './run-suite.ts';

const API_KEY = 'sk-setup-secret-0123456789';
const RUBRIC = 'States the Shanghai reimbursement ratio, 70%.';

const SUITE: EvalSuite = {
  name: 'judged',
  file: 'judged.jsonl',
  cases: [
    {
      id: 'stapler-ratio',
      caller: 'dw_demo_rep',
      turns: ['上海地区 C0212040010000910017 的医保报销比例是多少？'],
      expect: { facts: [{ number: 70 }], rubric: RUBRIC },
    },
  ],
};

const logger = createLogger({ level: 'silent' });

/** Runs the suite the way `npm run eval` does with this setup. */
async function runWith(
  setup: EvalRunSetup,
  database: DatabaseHandle,
  suite = SUITE,
): Promise<SuiteRun> {
  const config: Config = { ...setup.config, confirmationSecret: TEST_CONFIRMATION_SECRET };
  const embedder = createOfflineEmbedder();
  const agent = setup.pinClock(
    createAgentDependencies({ config, db: database.db, embedder, logger, ...setup.agentOptions }),
  );
  const run = await runSuite({ agent, suite, aroundAttempt: setup.aroundAttempt(suite.name) });
  return setup.finishSuite(run, suite);
}

async function setupFor(config: Config, args: string[]): Promise<EvalRunSetup> {
  const evalOptions = await parseEvalOptions(['--suite', 'judged.jsonl', ...args]);
  return prepareEvalRun({ config, evalOptions, logger });
}

describe('prepareEvalRun with a cassette and a judge', () => {
  let database: DatabaseHandle;
  let folder: string;
  let file: string;
  let recorded: SuiteRun;
  let recordedLines: string[];
  let savedAfterSuite: number;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    folder = await mkdtemp(join(tmpdir(), 'dealwise-eval-setup-'));
    file = join(folder, 'judged.cassette.json');

    const server = await startFakeOpenAIServer((body, count) => {
      if (String(body.messages[0]?.content).includes('You grade one answer')) {
        return { content: `{"pass": true, "score": 0.9, "reasoning": "Says 70% (#${count})."}` };
      }
      if (!body.messages.some((message) => message.role === 'tool')) {
        const args = { product: 'C0212040010000910017', region: 'Shanghai' };
        return { toolCalls: [{ name: 'lookup_policy', arguments: args }] };
      }
      return { content: '上海的报销比例为 70% [1]' };
    });
    const config = loadConfig({
      OPENAI_API_KEY: API_KEY,
      OPENAI_BASE_URL: server.baseUrl,
      MODEL_MAX_RETRIES: '0',
    });
    const setup = await setupFor(config, [
      '--model',
      'fake-agent',
      '--judge',
      'fake-judge',
      '--record',
      file,
    ]);
    recorded = await runWith(setup, database);
    savedAfterSuite = (await loadCassette(file)).interactions.length;
    recordedLines = await setup.finish();
    await server.close();
  });

  afterAll(async () => {
    await database.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('records the agent on the named model and the judge with its reasoning', () => {
    expect(recorded.model).toBe('fake-agent');
    expect(recorded.runs[0]).toMatchObject({
      status: 'passed',
      judgement: { model: 'fake-judge', passed: true, turns: [{ score: 0.9 }] },
    });
    expect(recorded.judge).toMatchObject({ judged: 1, agreed: 1, agreement: 1 });
    expect(recordedLines[0]).toMatch(/^Recorded 3 model request\(s\) to .*judged\.cassette\.json/);
  });

  it('saves the recording after each suite, before the run finishes', () => {
    expect(savedAfterSuite).toBe(3);
  });

  it('replays the agent and the judge with no API key and the server gone', async () => {
    const setup = await setupFor(loadConfig({}), ['--judge', 'fake-judge', '--replay', file]);

    const replayed = await runWith(setup, database);

    expect(replayed.model).toBe('fake-agent');
    expect(replayed.runs[0]?.observations[0]?.result.message.text).toBe('上海的报销比例为 70% [1]');
    expect(replayed.runs[0]?.judgement).toEqual(recorded.runs[0]?.judgement);
    expect(replayed.cassette).toMatchObject({ mode: 'replay', mismatches: 0 });
    expect(await setup.finish()).toEqual([`Replayed from ${file}: every model request matched.`]);
  });

  it('reports a changed rubric as a judge error from a cassette mismatch, the case still passed', async () => {
    const setup = await setupFor(loadConfig({}), ['--judge', 'fake-judge', '--replay', file]);
    const [original] = SUITE.cases;
    const edited = { ...original!, expect: { ...original!.expect, rubric: `${RUBRIC} Cites it.` } };

    const replayed = await runWith(setup, database, { ...SUITE, cases: [edited] });

    expect(replayed.runs[0]?.status).toBe('passed');
    expect(replayed.runs[0]?.judgement?.error).toMatch(/^cassette_mismatch: cassette mismatch: /);
    expect(replayed.judge).toMatchObject({ judged: 0, errors: 1 });
    expect(replayed.cassette).toMatchObject({
      mismatches: 1,
      mismatchedRuns: ['stapler-ratio run 1 (judge)'],
    });
    expect((await setup.finish())[0]).toMatch(/1 model request\(s\) did not match the cassette/);
  });

  it('refuses to record a run that would make no model request', async () => {
    await expect(
      setupFor(loadConfig({}), ['--record', join(folder, 'empty.json')]),
    ).rejects.toMatchObject({ code: 'nothing_to_record' });
  });
});
