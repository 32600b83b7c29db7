import { offlineModelFor } from '../agent/create-agent-dependencies.ts';
import type { AgentDependencies } from '../agent/run-turn.ts';
import { createApp } from '../api/app.ts';
import type { DatabaseHandle } from '../db/client.ts';
import { createOfflineEmbedder } from '../knowledge/offline-embedder.ts';
import { createLogger } from '../lib/logger.ts';

/** A confirmation secret for tests only. */
export const TEST_CONFIRMATION_SECRET = 'test-secret-test-secret-test-secret-0123';

/**
 * The HTTP app on a test database, with the offline embedder and model unless the test
 * gives its own agent parts (a scripted or msw-backed chat model, say).
 */
export function createTestApp(
  database: DatabaseHandle,
  agent: Partial<AgentDependencies> = {},
): { app: ReturnType<typeof createApp>; agent: AgentDependencies } {
  const logger = createLogger({ level: 'silent' });
  const embedder = createOfflineEmbedder();
  const dependencies: AgentDependencies = {
    db: database.db,
    embedder,
    logger,
    offlineModel: (caller) => offlineModelFor(database.db, caller),
    confirmationSecret: TEST_CONFIRMATION_SECRET,
    ...agent,
  };
  const app = createApp({
    db: database.db,
    databaseKind: database.kind,
    embedder,
    agent: dependencies,
    logger,
    model: dependencies.chatModel ? 'configured' : 'offline',
  });
  return { app, agent: dependencies };
}
