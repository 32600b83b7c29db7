import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { accounts } from '../db/schema/index.ts';
import type { Embedder } from '../knowledge/embedder.ts';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { createChatModel } from './model/chat-model.ts';
import { OfflineChatModel } from './offline/offline-chat-model.ts';
import type { AgentDependencies } from './run-turn.ts';

/**
 * The agent's dependencies from the configuration: the configured model (when there is
 * an API key) with the offline model as the fallback, or the offline model alone.
 */
export function createAgentDependencies(options: {
  config: Config;
  db: Database;
  embedder: Embedder;
  logger: Logger;
  /** Replaces the global fetch for the configured model, e.g. to record or replay its calls. */
  fetch?: typeof fetch;
}): AgentDependencies {
  const { config, db, logger } = options;
  const secret = config.confirmationSecret ?? randomBytes(32).toString('hex');
  if (!config.confirmationSecret) {
    logger.warn('CONFIRMATION_SECRET is not set: write confirmations last only for this process');
  }
  return {
    db,
    embedder: options.embedder,
    logger: logger.child({ module: 'agent' }),
    chatModel: config.model.apiKey
      ? createChatModel({
          apiKey: config.model.apiKey,
          ...(config.model.baseUrl ? { baseUrl: config.model.baseUrl } : {}),
          model: config.model.name,
          ...(config.model.fallbackName ? { fallbackModel: config.model.fallbackName } : {}),
          timeoutMs: config.model.timeoutMs,
          maxRetries: config.model.maxRetries,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          logger,
        })
      : undefined,
    offlineModel: (caller) => offlineModelFor(db, caller),
    confirmationSecret: secret,
  };
}

/** The offline model, knowing the names of the caller's tenant's accounts. */
export async function offlineModelFor(db: Database, caller: Caller): Promise<OfflineChatModel> {
  const accountNames = await db
    .select({ nameZh: accounts.nameZh, nameEn: accounts.nameEn })
    .from(accounts)
    .where(eq(accounts.tenantId, caller.tenantId));
  return new OfflineChatModel({ accountNames });
}
