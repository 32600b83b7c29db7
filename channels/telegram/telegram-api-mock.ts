/**
 * Test support: a mocked Telegram Bot API (msw) that records every call, answers `getMe` as
 * the test bot, and can be told to fail sends. Not used outside tests.
 */
import type { UserFromGetMe } from 'grammy/types';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';

/** A bot token in the shape @BotFather gives; the bot's id is 123456789. */
export const TEST_BOT_TOKEN = '123456789:TEST-token_for-dealwise';
/** Where the mocked Bot API lives; the channel's `apiRoot` in tests. */
export const TEST_API_ROOT = 'https://telegram.test';

/** The bot `getMe` describes. */
export const TEST_BOT_INFO: UserFromGetMe = {
  id: 123456789,
  is_bot: true,
  first_name: 'Dealwise',
  username: 'dealwise_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** One Bot API call the mock received. */
export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
}

/** A Bot API method's canned answer: its result, or a Telegram error. */
export type MockAnswer =
  | { result: unknown }
  | { errorCode: number; description: string; parameters?: Record<string, unknown> };

/** Answers a call from its body; may wait first, as a long poll does. */
export type MockAnswerFunction = (
  body: Record<string, unknown>,
) => MockAnswer | Promise<MockAnswer>;

/** The mocked Bot API and what it has seen. */
export interface TelegramApiMock {
  server: ReturnType<typeof setupServer>;
  /** Calls received, oldest first, optionally of one method. */
  calls(method?: string): RecordedCall[];
  /** Answers one method with this from now on (until reset). */
  answer(method: string, answer: MockAnswer | MockAnswerFunction): void;
  /** Forgets calls and custom answers. */
  reset(): void;
}

/** Starts nothing; call `server.listen()` in a hook. */
export function createTelegramApiMock(): TelegramApiMock {
  let calls: RecordedCall[] = [];
  let answers = new Map<string, MockAnswerFunction>();

  const server = setupServer(
    http.post(`${TEST_API_ROOT}/bot${TEST_BOT_TOKEN}/:method`, async ({ request, params }) => {
      const method = String(params.method);
      const text = await request.text();
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      calls.push({ method, body });
      const custom = answers.get(method);
      return respond(custom ? await custom(body) : await defaultAnswer(method, body));
    }),
  );

  return {
    server,
    calls: (method) => calls.filter((call) => method === undefined || call.method === method),
    answer(method, answer) {
      answers.set(method, typeof answer === 'function' ? answer : () => answer);
    },
    reset() {
      calls = [];
      answers = new Map();
    },
  };
}

async function defaultAnswer(method: string, body: Record<string, unknown>): Promise<MockAnswer> {
  switch (method) {
    case 'getMe':
      return { result: TEST_BOT_INFO };
    case 'sendMessage':
      return { result: sentMessage(body) };
    case 'getUpdates':
      // A long poll with nothing new; the wait keeps a polling loop from spinning.
      await delay(20);
      return { result: [] };
    default:
      return { result: true };
  }
}

function sentMessage(body: Record<string, unknown>): Record<string, unknown> {
  return {
    message_id: Math.floor(Math.random() * 1_000_000),
    date: Math.floor(Date.now() / 1000),
    chat: { id: Number(body.chat_id) || 1, type: 'private', first_name: 'Rep' },
    from: TEST_BOT_INFO,
    text: body.text,
  };
}

function respond(answer: MockAnswer): Response {
  if ('result' in answer) return HttpResponse.json({ ok: true, result: answer.result });
  return HttpResponse.json(
    {
      ok: false,
      error_code: answer.errorCode,
      description: answer.description,
      ...(answer.parameters ? { parameters: answer.parameters } : {}),
    },
    { status: answer.errorCode },
  );
}
