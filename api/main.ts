/** `npm start`: the Dealwise API server on the configured database and model. */
import { loadConfig } from '../lib/config.ts';
import { ConfigurationError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { startServer } from './server.ts';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigurationError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger({ level: config.logLevel });
const server = await startServer(config, logger);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'finishing in-flight requests, then stopping');
    await server.close();
    logger.info('stopped');
    process.exit(0);
  });
}
