/**
 * Agent benchmark: what a Dealwise chat turn adds on top of the model. The model is a
 * zero-latency OpenAI-compatible server on loopback that asks for one tool call and
 * then answers. Three paths, same run:
 *  - a bare Hono endpoint (the HTTP floor);
 *  - a bare `openai` SDK tool loop on the same scripted responses, running the same tool;
 *  - `POST /v1/chat`: authentication, stored conversation, LangChain agent, the tool
 *    with its scope checks and audit, the stored reply.
 */
import { Hono } from 'hono';
import OpenAI from 'openai';
import { createChatModel } from '../agent/model/chat-model.ts';
import { authenticateApiKey } from '../auth/api-keys.ts';
import { openDatabase } from '../db/client.ts';
import { seedDemoTenant } from '../demo/seed.ts';
import { createOfflineEmbedder } from '../knowledge/offline-embedder.ts';
import { createLogger } from '../lib/logger.ts';
import { createTestApp, TEST_CONFIRMATION_SECRET } from '../testing/test-app.ts';
import { lookupPolicyTool } from '../tools/lookup-policy.ts';
import { runTool } from '../tools/run-tool.ts';
import { startFakeOpenAI } from './agent/fake-openai-server.ts';
import { printTable, quantile, timeRuns } from './stats.ts';

const TURNS = Number(process.env.AGENT_BENCH_TURNS ?? 200);
const toolArguments = { product: 'C0212040010000910017', region: 'Shanghai' };

const database = await openDatabase();
await seedDemoTenant(database.db);
const fake = await startFakeOpenAI({ name: 'lookup_policy', arguments: toolArguments });
const logger = createLogger({ level: 'silent' });
const embedder = createOfflineEmbedder();
const caller = await authenticateApiKey(database.db, 'dw_demo_rep');

const bare = new Hono().post('/echo', async (context) => context.json(await context.req.json()));
const sdk = new OpenAI({ apiKey: 'bench', baseURL: fake.baseUrl, maxRetries: 0 });
const { app } = createTestApp(database, {
  chatModel: createChatModel({
    apiKey: 'bench',
    baseUrl: fake.baseUrl,
    model: 'fake-model',
    timeoutMs: 10_000,
    maxRetries: 0,
    logger,
  }),
});

const rows = [
  row(
    'bare Hono endpoint',
    await timeRuns(async () => bare.request('/echo', post({ a: 1 })), { runs: TURNS }),
  ),
  row('bare openai SDK tool loop', await timeRuns(sdkLoop, { runs: TURNS })),
  row(
    'Dealwise POST /v1/chat',
    await timeRuns(
      async () => {
        const response = await app.request('/v1/chat', {
          ...post({ message: 'Stapler reimbursement in Shanghai?' }),
          headers: { authorization: 'Bearer dw_demo_rep', 'content-type': 'application/json' },
        });
        if (response.status !== 200) throw new Error(`chat failed: ${await response.text()}`);
      },
      { runs: TURNS },
    ),
  ),
];
console.log(`${TURNS} turns each; the model answers instantly on loopback`);
printTable(rows);
const sdkP50 = rows[1]?.['p50 ms'] as number;
const dealwiseP50 = rows[2]?.['p50 ms'] as number;
console.log(`Dealwise adds ${(dealwiseP50 - sdkP50).toFixed(1)} ms at p50 over the bare SDK loop.`);

await fake.close();
await database.close();

/** One scripted turn with the openai SDK: model → tool → model. */
async function sdkLoop(): Promise<void> {
  const tools = [
    {
      type: 'function' as const,
      function: { name: 'lookup_policy', parameters: { type: 'object', properties: {} } },
    },
  ];
  const messages: OpenAI.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'Stapler reimbursement in Shanghai?' },
  ];
  const first = await sdk.chat.completions.create({ model: 'fake-model', messages, tools });
  const call = first.choices[0]?.message.tool_calls?.[0];
  if (call?.type !== 'function') throw new Error('the fake model made no tool call');
  const result = await runTool(
    lookupPolicyTool,
    {
      db: database.db,
      embedder,
      caller,
      now: new Date(),
      confirmationSecret: TEST_CONFIRMATION_SECRET,
    },
    JSON.parse(call.function.arguments),
  );
  messages.push(first.choices[0]?.message as OpenAI.ChatCompletionMessageParam, {
    role: 'tool',
    tool_call_id: call.id,
    content: JSON.stringify(result.data),
  });
  await sdk.chat.completions.create({ model: 'fake-model', messages, tools });
}

function post(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function row(path: string, samples: number[]) {
  const total = samples.reduce((sum, sample) => sum + sample, 0);
  return {
    path,
    'turns/s': (samples.length / total) * 1000,
    'p50 ms': quantile(samples, 0.5),
    'p95 ms': quantile(samples, 0.95),
  };
}
