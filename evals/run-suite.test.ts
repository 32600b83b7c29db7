import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineModelFor } from '../agent/create-agent-dependencies.ts';
import type { AgentDependencies } from '../agent/run-turn.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { RemoteServiceError } from '../lib/errors.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import type { EvalSuite } from './load-suite.ts';
import { PROVIDER_RETRIES, runSuite } from './run-suite.ts';
import type { DemoCaller, EvalCase } from './suite-format.ts';

const QUESTION = '上海地区 C0212040010000910017 的医保报销比例是多少？';

const PASSING: EvalCase = {
  id: 'stapler-ratio',
  caller: 'dw_demo_rep',
  turns: [QUESTION],
  expect: { toolsCalled: [{ name: 'lookup_policy' }], facts: [{ number: 70 }] },
};

const WRONG_FACT: EvalCase = {
  id: 'stapler-wrong-ratio',
  caller: 'dw_demo_rep',
  turns: [QUESTION],
  expect: { facts: [{ number: 99 }] },
};

const UNKNOWN_CALLER: EvalCase = {
  id: 'unknown-caller',
  // The schema admits only demo keys; a suite built in code can still name another one.
  caller: 'dw_demo_nobody' as DemoCaller,
  turns: [QUESTION],
  expect: { facts: [{ number: 70 }] },
};

function suiteOf(cases: EvalCase[]): EvalSuite {
  return { name: 'tiny', file: 'tiny.jsonl', cases };
}

/** The agent, with an offline model that fails like a provider the first `failures` times. */
function flakyAgent(agent: AgentDependencies, failures: number): AgentDependencies {
  let calls = 0;
  return {
    ...agent,
    offlineModel: async (caller) => {
      calls += 1;
      if (calls <= failures) {
        throw new RemoteServiceError({ code: 'provider_down', message: 'provider is down' });
      }
      return offlineModelFor(agent.db, caller);
    },
  };
}

describe('runSuite', () => {
  let database: DatabaseHandle;
  let agent: AgentDependencies;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    agent = createTestApp(database).agent;
  });

  afterAll(async () => {
    await database.close();
  });

  it('records a pass, a failed fact and an error, and runs every case', async () => {
    const progress: string[] = [];
    const run = await runSuite({
      agent,
      suite: suiteOf([PASSING, UNKNOWN_CALLER, WRONG_FACT]),
      onProgress: (done, total, caseId) => progress.push(`${done}/${total} ${caseId}`),
    });

    expect(run.runs.map((caseRun) => [caseRun.caseId, caseRun.status])).toEqual([
      ['stapler-ratio', 'passed'],
      ['unknown-caller', 'error'],
      ['stapler-wrong-ratio', 'failed'],
    ]);
    expect(run.runs[1]?.error).toMatch(/invalid_api_key/);
    expect(progress).toHaveLength(3);
    expect(run.model).toBe('dealwise-offline');
  });

  it('counts an error as not passed in the summary', async () => {
    const run = await runSuite({ agent, suite: suiteOf([PASSING, UNKNOWN_CALLER, WRONG_FACT]) });

    expect(run.summary).toMatchObject({ runs: 3, passed: 1, failed: 1, errors: 1, k: 1 });
    expect(run.summary.passRate).toBeCloseTo(1 / 3);
    expect(run.summary.passHatK).toBeCloseTo(1 / 3);
    expect(run.summary.toolSelection.recall).toBe(1);
    expect(run.summary.latency.count).toBe(2);
  });

  it('names the failing check of a wrong answer', async () => {
    const run = await runSuite({ agent, suite: suiteOf([WRONG_FACT]) });

    const failing = run.runs[0]?.verdict?.turns[0]?.checks.find((check) => !check.passed);
    expect(failing?.check).toBe('facts');
  });

  it('runs each case once per repeat for pass^k', async () => {
    const run = await runSuite({ agent, suite: suiteOf([PASSING, WRONG_FACT]), repeat: 2 });

    expect(run.runs.map((caseRun) => caseRun.repeat)).toEqual([1, 2, 1, 2]);
    expect(run.summary).toMatchObject({ runs: 4, k: 2, passHatK: 0.5 });
  });
});

describe('runSuite retries', () => {
  let database: DatabaseHandle;
  let agent: AgentDependencies;

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    agent = createTestApp(database).agent;
  });

  afterAll(async () => {
    await database.close();
  });

  it('retries a case that failed with a provider error', async () => {
    const run = await runSuite({ agent: flakyAgent(agent, 1), suite: suiteOf([PASSING]) });

    expect(run.runs[0]).toMatchObject({ status: 'passed', attempts: 2 });
  });

  it('gives up with an error after the allowed retries', async () => {
    const run = await runSuite({ agent: flakyAgent(agent, 10), suite: suiteOf([PASSING]) });

    expect(run.runs[0]).toMatchObject({ status: 'error', attempts: PROVIDER_RETRIES + 1 });
    expect(run.runs[0]?.error).toMatch(/provider_down/);
  });

  it('does not retry a wrong answer', async () => {
    const run = await runSuite({ agent: flakyAgent(agent, 0), suite: suiteOf([WRONG_FACT]) });

    expect(run.runs[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('records a case that runs out of time as an error', async () => {
    const stuck: AgentDependencies = { ...agent, offlineModel: () => new Promise(() => {}) };
    const run = await runSuite({ agent: stuck, suite: suiteOf([PASSING]), caseTimeoutMs: 50 });

    expect(run.runs[0]).toMatchObject({ status: 'error', attempts: 1 });
    expect(run.runs[0]?.error).toMatch(/longer than 50 ms/);
  });
});
