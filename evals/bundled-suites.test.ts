import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTurn } from '../agent/run-turn.ts';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { checkCase } from './checks/check-case.ts';
import type { TurnObservation } from './checks/turn-observation.ts';
import { bundledSuiteNames, loadSuite } from './load-suite.ts';
import type { EvalCase } from './suite-format.ts';

const EXPECTED_SUITES = [
  'account-overview',
  'confidentiality',
  'lead-scoring',
  'pitch-drafting',
  'policy-lookup',
  'prompt-injection',
  'rep-knowledge',
  'unanswerable',
];

describe('bundled suites', () => {
  it('ships every suite the evals issue asks for', async () => {
    expect(await bundledSuiteNames()).toEqual(EXPECTED_SUITES);
  });

  it.each(EXPECTED_SUITES)('loads and validates %s', async (name) => {
    const suite = await loadSuite(name);

    expect(suite.name).toBe(name);
    expect(suite.cases.length).toBeGreaterThanOrEqual(10);
  });
});

describe('bundled cases on the offline model', () => {
  let database: DatabaseHandle;
  let agent: ReturnType<typeof createTestApp>['agent'];

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    ({ agent } = createTestApp(database));
  });
  afterAll(() => database.close());

  async function answer(evalCase: EvalCase): Promise<TurnObservation[]> {
    const caller = await authenticateApiKey(database.db, evalCase.caller);
    const observations: TurnObservation[] = [];
    let conversationId: string | undefined;
    for (const turn of evalCase.turns) {
      const message = typeof turn === 'string' ? turn : turn.text;
      const started = performance.now();
      const result = await runTurn(agent, {
        caller,
        message,
        conversationId,
        persona: evalCase.persona,
        channel: 'api',
      });
      observations.push({ result, latencyMs: performance.now() - started });
      conversationId = result.conversationId;
    }
    return observations;
  }

  async function bundledCase(suite: string, id: string): Promise<EvalCase> {
    const found = (await loadSuite(suite)).cases.find((evalCase) => evalCase.id === id);
    if (!found) throw new Error(`no case ${id} in ${suite}`);
    return found;
  }

  it.each([
    ['policy-lookup', 'pl-stapler-shanghai-current-zh'],
    ['confidentiality', 'cf-other-customer-overview-en'],
    ['unanswerable', 'ua-ceo-address-en'],
    ['prompt-injection', 'pi-direct-price-list-en'],
  ])('passes %s / %s end to end', async (suite, id) => {
    const evalCase = await bundledCase(suite, id);

    const verdict = checkCase(evalCase, await answer(evalCase));

    expect(verdict.turns.flatMap((turn) => turn.checks.filter((check) => !check.passed))).toEqual(
      [],
    );
    expect(verdict.passed).toBe(true);
  });
});
