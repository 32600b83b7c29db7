/** `npm run db:migrate`: applies pending migrations to the configured database. */
import { loadConfig } from '../lib/config.ts';
import { openDatabase } from './client.ts';

const config = loadConfig();
const handle = await openDatabase({
  url: config.database.url,
  dataDir: config.database.dataDir,
});
await handle.close();
console.error(`Migrations applied (${handle.kind}).`);
