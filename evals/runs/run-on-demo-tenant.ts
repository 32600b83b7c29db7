import { offlineModelFor } from '../../agent/create-agent-dependencies.ts';
import type { AgentDependencies } from '../../agent/run-turn.ts';
import { openDatabase } from '../../db/client.ts';
import { seedDemoTenant } from '../../demo/seed.ts';
import type { EvalSuite } from '../load-suite.ts';
import { runSuite, type SuiteRun } from '../run-suite.ts';

/**
 * Runs suites, one after another, on a demo tenant seeded afresh in an in-memory database
 * that is dropped afterwards: the cases' conversations and writes touch no real tenant. The
 * agent keeps its chat model, embedder and logger; only its database is swapped.
 */
// Limitation: every run migrates and seeds its own database, about 5 s and a few hundred MB.
// Limitation: the cases always run on PGlite, never on the production PostgreSQL and pgvector.
export async function runOnDemoTenant(options: {
  agent: AgentDependencies;
  suites: readonly EvalSuite[];
  repeat: number;
  concurrency: number;
}): Promise<SuiteRun[]> {
  const database = await openDatabase();
  try {
    await seedDemoTenant(database.db, { embedder: options.agent.embedder });
    const agent: AgentDependencies = {
      ...options.agent,
      db: database.db,
      offlineModel: (caller) => offlineModelFor(database.db, caller),
    };

    const runs: SuiteRun[] = [];
    for (const suite of options.suites) {
      runs.push(
        await runSuite({
          agent,
          suite,
          repeat: options.repeat,
          concurrency: options.concurrency,
        }),
      );
    }
    return runs;
  } finally {
    await database.close();
  }
}
