import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createAgentDependencies } from '../agent/create-agent-dependencies.ts';
import {
  channelClients,
  createChannels,
  createGroupChannel,
  logChannels,
} from '../channels/create-channels.ts';
import { openDatabase } from '../db/client.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import type { JobWorker } from '../jobs/worker.ts';
import { createEmbedder } from '../knowledge/create-embedder.ts';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { receiveInboundEvent } from '../messaging/receive-inbound-event.ts';
import { createApp } from './app.ts';
import { startBackgroundJobs } from './background-jobs.ts';

/** A running Dealwise server. */
export interface RunningServer {
  port: number;
  /** Stops accepting connections, lets in-flight requests finish, closes the database. */
  close(): Promise<void>;
}

/** Opens the database, loads the demo tenant on first start, and serves the API. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase({
    url: config.database.url,
    dataDir: config.database.dataDir,
  });
  logger.info({ database: database.kind }, 'database ready');

  const embedder = createEmbedder(config.embeddings);
  if (config.demoSeed) {
    const seeded = await seedDemoIfEmpty(database.db, { embedder });
    if (seeded) logger.info({ counts: seeded }, 'demo tenant loaded');
  }

  const model = config.model.apiKey ? config.model.name : 'offline';
  const agent = createAgentDependencies({ config, db: database.db, embedder, logger });
  let worker: JobWorker | undefined;
  const channels = createChannels(config.channels, {
    logger,
    receive: async (event) => {
      const receipt = await receiveInboundEvent(database.db, event);
      worker?.wake();
      return receipt;
    },
  });
  logChannels(channels, logger);
  const group = createGroupChannel(config.channels);

  const app = createApp({
    db: database.db,
    databaseKind: database.kind,
    embedder,
    agent,
    logger,
    model,
    channels,
    groupChannel: group !== undefined,
  });
  worker = config.jobsWorker
    ? startBackgroundJobs({
        db: database.db,
        logger,
        agent,
        channelClients: channelClients(channels),
        groupChannel: group,
        citationBaseUrl: config.channels.citationBaseUrl,
      })
    : undefined;
  const server = serve({ fetch: app.fetch, port: config.http.port, hostname: config.http.host });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, model }, 'listening');
  // Side by side: a channel slow to connect does not hold back the others.
  await Promise.all(channels.map((channel) => channel.start?.()));

  return {
    port,
    async close() {
      for (const channel of channels) await channel.stop?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await worker?.stop();
      await database.close();
    },
  };
}
