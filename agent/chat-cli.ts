/**
 * `npm run chat [-- --as rep|manager|admin|customer] [--persona rep|manager|customer]`:
 * a terminal chat with the assistant as a demo user, answers streamed as they come.
 * Commands: /new starts a new conversation, /confirm N applies pending write N, /quit.
 * It opens the database itself: with the embedded PGlite, stop `npm start` first.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { authenticateApiKey } from '../auth/api-keys.ts';
import type { Caller } from '../auth/caller.ts';
import { openDatabase } from '../db/client.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { createEmbedder } from '../knowledge/create-embedder.ts';
import { loadConfig } from '../lib/config.ts';
import { DealwiseError } from '../lib/errors.ts';
import { createLogger } from '../lib/logger.ts';
import { applyConfirmedWrite } from '../tools/apply-confirmed-write.ts';
import { ALL_TOOLS } from '../tools/index.ts';
import type { WriteToolDefinition } from '../tools/tool-definition.ts';
import { createAgentDependencies } from './create-agent-dependencies.ts';
import type { AgentDependencies } from './run-turn.ts';
import { streamTurn } from './run-turn.ts';
import type { TurnResult } from './turn-events.ts';

const DEMO_KEYS = {
  rep: 'dw_demo_rep',
  manager: 'dw_demo_manager',
  admin: 'dw_demo_admin',
  customer: 'dw_demo_customer',
} as const;
const dim = (text: string) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);

const { values } = parseArgs({
  options: { as: { type: 'string' }, persona: { type: 'string' } },
});
const terminal = createInterface({ input: process.stdin, output: process.stdout });
const lines = terminal[Symbol.asyncIterator]();
const config = loadConfig();
const logger = createLogger({ level: 'error' });
const database = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
const embedder = createEmbedder(config.embeddings);
await seedDemoIfEmpty(database.db, { embedder });
const agent = createAgentDependencies({ config, db: database.db, embedder, logger });

const role = (values.as ?? (await ask('Chat as rep, manager, admin or customer? [rep] '))) || 'rep';
if (!(role in DEMO_KEYS)) {
  console.error(`Unknown demo user "${role}"; choose rep, manager, admin or customer.`);
  process.exit(2);
}
const caller = await authenticateApiKey(database.db, DEMO_KEYS[role as keyof typeof DEMO_KEYS]);
const persona = values.persona ?? (role === 'manager' ? 'manager' : undefined);
console.log(
  dim(
    `Signed in as the demo ${role}; model: ${agent.chatModel ? config.model.name : 'offline'}. ` +
      'Type /new, /confirm N or /quit.',
  ),
);

let conversationId: string | undefined;
let pending: TurnResult['pendingWrites'] = [];
for (;;) {
  const line = (await ask('\n> ')).trim();
  if (line === '/quit' || line === '/exit') break;
  if (line === '') continue;
  if (line === '/new') {
    conversationId = undefined;
    console.log(dim('New conversation.'));
    continue;
  }
  if (line.startsWith('/confirm')) {
    await confirm(agent, caller, pending[Number(line.split(/\s+/)[1] ?? '1') - 1]);
    continue;
  }
  const result = await answer(line);
  if (result) {
    conversationId = result.conversationId;
    pending = result.pendingWrites;
  }
}
terminal.close();
await database.close();

/** The next line the user types (or pipes in); `/quit` at the end of input. */
async function ask(prompt: string): Promise<string> {
  process.stdout.write(prompt);
  const next = await lines.next();
  return next.done ? '/quit' : next.value;
}

async function answer(message: string): Promise<TurnResult | undefined> {
  try {
    const events = streamTurn(agent, { caller, message, conversationId, persona, channel: 'cli' });
    for await (const event of events) {
      if (event.type === 'token') process.stdout.write(event.text);
      if (event.type === 'tool_call')
        console.log(dim(`[${event.name}] ${JSON.stringify(event.arguments)}`));
      if (event.type === 'done') {
        printWrites(event.result);
        return event.result;
      }
    }
  } catch (error) {
    if (!(error instanceof DealwiseError)) throw error;
    console.log(`\n${error.message} [${error.code}]`);
  }
  return undefined;
}

function printWrites(result: TurnResult): void {
  const writes = result.pendingWrites;
  if (writes.length === 0) return;
  console.log(dim('\nWaiting for your confirmation:'));
  writes.forEach((write, index) => {
    console.log(
      dim(`  ${index + 1}. ${write.preview.replaceAll('\n', ' · ')}  (/confirm ${index + 1})`),
    );
  });
}

async function confirm(
  dependencies: AgentDependencies,
  user: Caller,
  write: TurnResult['pendingWrites'][number] | undefined,
): Promise<void> {
  const tool = ALL_TOOLS.find((candidate) => candidate.name === write?.tool);
  if (!write || !tool) {
    console.log('Nothing to confirm with that number.');
    return;
  }
  try {
    const result = await applyConfirmedWrite(
      tool as unknown as WriteToolDefinition<unknown, unknown, unknown>,
      {
        db: dependencies.db,
        embedder: dependencies.embedder,
        caller: user,
        now: new Date(),
        confirmationSecret: dependencies.confirmationSecret,
      },
      write.token,
    );
    console.log(dim(`Done: ${result.summary}`));
  } catch (error) {
    if (!(error instanceof DealwiseError)) throw error;
    console.log(`${error.message} [${error.code}]`);
  }
}
