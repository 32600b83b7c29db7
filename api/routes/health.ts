import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Database, DatabaseKind } from '../../db/client.ts';

export interface HealthOptions {
  db: Database;
  databaseKind: DatabaseKind;
  /** The chat model in use, or `offline`. */
  model: string;
}

/** `GET /healthz`: the process is up and its database answers. */
export function healthRoutes(options: HealthOptions): Hono {
  return new Hono().get('/healthz', async (context) => {
    const database = options.databaseKind;
    const databaseUp = await options.db.execute(sql`select 1`).then(
      () => true,
      () => false,
    );
    if (!databaseUp) {
      return context.json({ status: 'unavailable', database, model: options.model }, 503);
    }
    return context.json({ status: 'ok', database, model: options.model });
  });
}
