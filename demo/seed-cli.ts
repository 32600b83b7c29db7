/** `npm run db:seed`: loads the demo tenant; running it again changes nothing. */
import { openDatabase } from '../db/client.ts';
import { loadConfig } from '../lib/config.ts';
import { seedDemoTenant } from './seed.ts';

const config = loadConfig();
const database = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
try {
  const counts = await seedDemoTenant(database.db);
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  for (const [table, inserted] of Object.entries(counts)) {
    console.log(`${table.padEnd(24)} ${String(inserted).padStart(5)} new`);
  }
  console.log(
    total === 0 ? 'The demo tenant was already loaded; nothing changed.' : `Loaded ${total} rows.`,
  );
} finally {
  await database.close();
}
