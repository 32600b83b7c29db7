/**
 * `npm run eval -- --suite <name|path|all> [--repeat k] [--concurrency n] [--json <file>]`:
 * runs eval suites against the agent on a freshly seeded demo tenant and prints a table of
 * metrics per suite, then the cases that did not pass; the run is stored (see
 * open-eval-run-database.ts) and its id printed. Exits 0 when the suites ran (even
 * with failures), 2 on bad options or a malformed suite; with `--gate`, 1 when a suite's
 * pass rate fell below the committed baseline.
 */
import { writeFile } from 'node:fs/promises';
import { createAgentDependencies } from '../agent/create-agent-dependencies.ts';
import type { AgentDependencies } from '../agent/run-turn.ts';
import { printTable } from '../bench/stats.ts';
import { openDatabase } from '../db/client.ts';
import { seedDemoTenant } from '../demo/seed.ts';
import { createEmbedder } from '../knowledge/create-embedder.ts';
import { type Config, loadConfig } from '../lib/config.ts';
import { DealwiseError, InputError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { progressBar } from '../scoring/progress-bar.ts';
import { loadBaseline, regressions } from './baseline-gate.ts';
import { cassetteLines } from './cassette/format-cassette-report.ts';
import { type EvalOptions, parseEvalOptions } from './eval-options.ts';
import { type EvalRunSetup, prepareEvalRun } from './eval-run-setup.ts';
import { failureLines, suiteTableRow } from './format-suite-run.ts';
import { judgeLines } from './judge/format-judge-summary.ts';
import { type EvalSuite, loadSuite } from './load-suite.ts';
import { renderHtmlReport } from './report/render-html-report.ts';
import { runSuite, type SuiteRun } from './run-suite.ts';
import { recordEvalRun } from './runs/record-eval-run.ts';

const EXIT_BAD_INPUT = 2;

try {
  const options = await parseEvalOptions(process.argv.slice(2));
  const suites = await Promise.all(options.suites.map((suite) => loadSuite(suite)));
  const config = loadConfig();
  const logger = createLogger({ level: 'warn' });
  const setup = await prepareEvalRun({ config, evalOptions: options, logger });
  const { suites: _, ...runOptions } = options;
  const recorded = await recordEvalRun({
    database: config.database,
    run: { suites: options.suites, options: { ...runOptions, via: 'cli' } },
    execute: () => runSuites({ config: setup.config, options, suites, setup }),
    onInterrupt: async () => {
      for (const line of await setup.interrupted()) console.error(`\n${line}`);
    },
  });
  const runs = recorded.suites;
  report(runs);
  for (const line of await setup.finish()) console.log(`\n${line}`);
  console.log(`\nStored as eval run ${recorded.id} in ${recorded.location}`);
  if (options.html) {
    await writeFile(options.html, renderHtmlReport({ id: recorded.id, suites: runs }), 'utf8');
    console.log(`The HTML report is written to ${options.html}`);
  }
  if (options.json) {
    await writeFile(options.json, `${JSON.stringify({ suites: runs }, null, 2)}\n`, 'utf8');
    console.log(`\nThe full run is written to ${options.json}`);
  }
  if (options.gate) process.exitCode = await applyGate(runs, options.gate);
} catch (error) {
  if (!(error instanceof DealwiseError)) throw error;
  console.error(error.message);
  process.exitCode = error instanceof InputError ? EXIT_BAD_INPUT : 1;
}

/**
 * Seeds the demo tenant in an in-memory database and runs. Never the configured database:
 * the cases' conversations and writes must not land in a real tenant, and every run starts
 * from the same demo data. Only the run's record goes to the configured database.
 */
async function runSuites(context: {
  config: Config;
  options: EvalOptions;
  suites: EvalSuite[];
  setup: EvalRunSetup;
}): Promise<SuiteRun[]> {
  const { config, options, setup } = context;
  const database = await openDatabase();
  try {
    const embedder = createEmbedder(config.embeddings);
    await seedDemoTenant(database.db, { embedder, ...setup.seedOptions });
    // Turn logs at info level would interleave with the report; only warnings are shown.
    const logger = createLogger({ level: 'warn' });
    const agent = setup.pinClock(
      createAgentDependencies({ config, db: database.db, embedder, logger, ...setup.agentOptions }),
    );

    const runs: SuiteRun[] = [];
    for (const suite of context.suites) {
      const run = await runWithProgress({ agent, suite, options, setup });
      runs.push(await setup.finishSuite(run, suite));
    }
    return runs;
  } finally {
    await database.close();
  }
}

async function runWithProgress(context: {
  agent: AgentDependencies;
  suite: EvalSuite;
  options: EvalOptions;
  setup: EvalRunSetup;
}): Promise<SuiteRun> {
  const bar = progressBar(context.suite.name);
  try {
    return await runSuite({
      agent: context.agent,
      suite: context.suite,
      repeat: context.options.repeat,
      concurrency: context.options.concurrency,
      onProgress: (done, total) => bar.update(done / total),
      aroundAttempt: context.setup.aroundAttempt(context.suite.name),
    });
  } finally {
    bar.stop();
  }
}

/** Compares the run with a committed baseline; 1 when a suite regressed, else 0. */
async function applyGate(runs: readonly SuiteRun[], file: string): Promise<number> {
  const found = regressions(runs, await loadBaseline(file));
  if (found.length === 0) {
    console.log(`\nNo suite fell below ${file}.`);
    return 0;
  }
  console.log(`\nBelow the baseline in ${file}:`);
  for (const { suite, baseline, passRate } of found) {
    console.log(`- ${suite}: pass rate ${percent(passRate)}, baseline ${percent(baseline)}`);
  }
  return 1;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function report(runs: readonly SuiteRun[]): void {
  const models = [...new Set(runs.map((run) => run.model))].join(', ');
  console.log(`Eval on ${models}\n`);
  printTable(runs.map(suiteTableRow));

  const notes = runs.flatMap((run) => [...judgeLines(run), ...cassetteLines(run)]);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);

  const failures = runs.flatMap(failureLines);
  if (failures.length === 0) return;
  console.log(`\nNot passed (${failures.length}):`);
  for (const line of failures) console.log(`- ${line}`);
}
