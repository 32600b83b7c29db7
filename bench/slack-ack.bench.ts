/**
 * Slack acknowledgement benchmark: how long Slack waits for its 200 when 200 signed events
 * arrive at once, against Slack's 3-second limit. Each path is served over loopback HTTP by
 * @hono/node-server, same run:
 *  - a bare Hono route that only verifies the signature (the floor);
 *  - Dealwise's `POST /slack/events`: verification, parsing, Bolt's listeners, the
 *    InboundEvent stored and its job queued (the agent runs later, not measured), on PGlite
 *    and, with DATABASE_URL, on PostgreSQL;
 *  - the same events redelivered, as Slack retries, recognised as duplicates.
 *
 * `npm run bench -- slack-ack` (SLACK_BENCH_EVENTS=200, SLACK_BENCH_ROUNDS=3).
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { createSlackChannel } from '../channels/slack/slack-channel.ts';
import { TEST_SLACK_CONFIG } from '../channels/slack/testing/slack-harness.ts';
import {
  directMessage,
  eventEnvelope,
  signedRequest,
  TEST_SIGNING_SECRET,
} from '../channels/slack/testing/slack-requests.ts';
import { verifySlackRequest } from '../channels/slack/verify-slack-request.ts';
import { type DatabaseHandle, openDatabase } from '../db/client.ts';
import { loadConfig } from '../lib/config.ts';
import { createLogger } from '../lib/logger.ts';
import { receiveInboundEvent } from '../messaging/receive-inbound-event.ts';
import { withDatabase } from '../testing/templates.ts';
import { printTable, quantile } from './stats.ts';

const EVENTS = Number(process.env.SLACK_BENCH_EVENTS ?? 200);
const ROUNDS = Number(process.env.SLACK_BENCH_ROUNDS ?? 3);
const SLACK_LIMIT_MS = 3_000;
const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent' });
const config = loadConfig();

/** A signed event as Slack would send it: body and headers, ready to post anywhere. */
interface SignedEvent {
  body: string;
  headers: Headers;
}

const rows: Record<string, string | number>[] = [];
rows.push(
  await measure({ path: 'bare Hono route, signature check only', app: bareRoute(), label: 'bare' }),
);

const backends = config.database.url ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
if (!config.database.url) console.log('DATABASE_URL is not set: PostgreSQL rows are skipped.');
for (const backend of backends) {
  const database = await freshDatabase(backend);
  const app = slackRoutes(database);
  rows.push(
    await measure({ path: `Dealwise POST /slack/events, ${backend}`, app, label: backend }),
  );
  rows.push(
    await measure({
      path: `  the same events redelivered, ${backend}`,
      app,
      label: backend,
      retry: true,
    }),
  );
  await database.close();
}

console.log(
  `${EVENTS} concurrent signed events per round, ${ROUNDS} rounds, loopback HTTP; ` +
    `Slack's limit is ${SLACK_LIMIT_MS} ms`,
);
printTable(rows);

/**
 * Fires rounds of concurrent events at a served app; latencies from request to response.
 * Rounds with the same label send the same event ids; `retry` marks them as redeliveries.
 */
async function measure(options: {
  path: string;
  app: Hono;
  label: string;
  retry?: boolean;
}): Promise<Record<string, string | number>> {
  const { path, app, label, retry = false } = options;
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  await burst(
    url,
    signedEvents({ count: Math.min(EVENTS, 50), label: `${label}-warmup-${retry}` }),
  );
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    samples.push(
      ...(await burst(url, signedEvents({ count: EVENTS, label: `${label}-${round}`, retry }))),
    );
  }

  await new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    path,
    events: samples.length,
    'p50 ms': quantile(samples, 0.5),
    'p99 ms': quantile(samples, 0.99),
    'max ms': Math.max(...samples),
    'limit ms': SLACK_LIMIT_MS,
    'p99 / limit': `${((quantile(samples, 0.99) / SLACK_LIMIT_MS) * 100).toFixed(1)}%`,
  };
}

/** Posts all events at once; every one must be acknowledged with a 2xx. */
async function burst(url: string, events: SignedEvent[]): Promise<number[]> {
  return Promise.all(
    events.map(async (event) => {
      const started = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: event.headers,
        body: event.body,
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`acknowledgement failed with ${response.status}`);
      return performance.now() - started;
    }),
  );
}

/** Distinct direct messages from distinct users; the same label gives the same event ids. */
function signedEvents(options: { count: number; label: string; retry?: boolean }): SignedEvent[] {
  return Array.from({ length: options.count }, (_, index) => {
    const body = JSON.stringify(
      eventEnvelope({
        eventId: `Ev-${options.label}-${index}`,
        event: directMessage({ userId: `U0BENCH${index}`, text: '东浦医院的扩建预算是多少？' }),
      }),
    );
    const request = signedRequest({ body, contentType: 'application/json' });
    if (options.retry) request.headers.set('x-slack-retry-num', '1');
    return { body, headers: request.headers };
  });
}

function bareRoute(): Hono {
  return new Hono().post('/slack/events', async (context) => {
    const rawBody = new Uint8Array(await context.req.arrayBuffer());
    const headers = context.req.raw.headers;
    verifySlackRequest({ headers, rawBody, signingSecret: TEST_SIGNING_SECRET, now: new Date() });
    return context.body(null, 200);
  });
}

function slackRoutes(database: DatabaseHandle): Hono {
  const channel = createSlackChannel(TEST_SLACK_CONFIG, {
    logger,
    receive: (event) => receiveInboundEvent(database.db, event),
  });
  return channel.routes;
}

/** An empty, migrated database: in-memory PGlite, or a new database on the server. */
async function freshDatabase(backend: 'pglite' | 'postgres'): Promise<DatabaseHandle> {
  if (backend === 'pglite') return openDatabase();
  const serverUrl = config.database.url as string;
  const name = `dw_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();

  const database = await openDatabase({ url: withDatabase(serverUrl, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
