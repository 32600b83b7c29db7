import { Api } from 'grammy';
import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { textReply } from '../../messaging/reply-message.ts';
import { createTelegramApiMock, TEST_API_ROOT, TEST_BOT_TOKEN } from './telegram-api-mock.ts';
import { createTelegramClient } from './telegram-client.ts';

const mock = createTelegramApiMock();
const client = createTelegramClient(new Api(TEST_BOT_TOKEN, { apiRoot: TEST_API_ROOT }));
const GROUP_TOPIC = {
  workspaceId: '',
  chatId: '-100200300',
  threadId: '77',
  direct: false,
  messageId: '41',
};

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset());
afterAll(() => mock.server.close());

async function failureOf(send: () => Promise<void>): Promise<DealwiseError | undefined> {
  try {
    await send();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('createTelegramClient', () => {
  it('replies in a group topic as HTML, replying to the asked message', async () => {
    await client.reply(GROUP_TOPIC, textReply('东浦医院的预算是 **1.2 亿元** [1]'));

    expect(mock.calls('sendMessage').map((call) => call.body)).toEqual([
      {
        chat_id: '-100200300',
        text: '东浦医院的预算是 <b>1.2 亿元</b> [1]',
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        message_thread_id: 77,
        reply_parameters: { message_id: 41, allow_sending_without_reply: true },
      },
    ]);
  });

  it('replies to the asked message with the first piece only, all in the topic', async () => {
    const long = `${'The tender closes in May. '.repeat(200)}\n\n${'预算已批复。'.repeat(300)}`;

    await client.reply(GROUP_TOPIC, textReply(long));

    const bodies = mock.calls('sendMessage').map((call) => call.body);
    expect(bodies.length).toBeGreaterThan(1);
    expect(bodies.map((body) => 'reply_parameters' in body)).toEqual(
      bodies.map((_body, index) => index === 0),
    );
    expect(bodies.every((body) => body.message_thread_id === 77)).toBe(true);
  });

  it('answers in a private chat without quoting the question', async () => {
    await client.reply(
      { workspaceId: '', chatId: '4242', direct: true, messageId: '9' },
      textReply('Linked.'),
    );

    const [call] = mock.calls('sendMessage');
    expect(call?.body).not.toHaveProperty('reply_parameters');
    expect(call?.body).not.toHaveProperty('message_thread_id');
  });

  it('sends buttons as an inline keyboard', async () => {
    const actionId = 'b1c2d3e4-0000-4000-8000-000000000001';
    await client.sendDirect(
      { workspaceId: '', userId: '4242' },
      {
        text: 'Log the call with Dr Wang?',
        citations: [],
        actions: [
          { actionId, decision: 'confirm', label: 'Confirm' },
          { actionId, decision: 'cancel', label: 'Cancel' },
        ],
      },
    );

    expect(mock.calls('sendMessage')[0]?.body).toMatchObject({
      chat_id: '4242',
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Confirm', callback_data: `${actionId}:c` },
            { text: 'Cancel', callback_data: `${actionId}:x` },
          ],
        ],
      },
    });
  });

  it('redraws a pressed message with the keyboard left, or none', async () => {
    const open = 'b1c2d3e4-0000-4000-8000-000000000002';
    const address = { workspaceId: '', chatId: '4242', direct: true, messageId: '88' };
    const message = {
      text: 'Log both calls?',
      citations: [],
      actions: [
        { actionId: open, decision: 'confirm' as const, label: 'Confirm' },
        { actionId: open, decision: 'cancel' as const, label: 'Cancel' },
      ],
    };

    await client.updateButtons?.(address, message);
    await client.updateButtons?.(address, { ...message, actions: [] });

    const [partly, none] = mock.calls('editMessageReplyMarkup');
    expect(partly?.body).toMatchObject({
      chat_id: '4242',
      message_id: 88,
      reply_markup: { inline_keyboard: [[{ callback_data: `${open}:c` }, expect.anything()]] },
    });
    expect(none?.body).toEqual({ chat_id: '4242', message_id: 88 });
  });

  it('takes a keyboard already redrawn as done', async () => {
    mock.answer('editMessageReplyMarkup', {
      errorCode: 400,
      description:
        'Bad Request: message is not modified: specified new message content and reply markup are exactly the same',
    });
    const address = { workspaceId: '', chatId: '4242', direct: true, messageId: '88' };

    await expect(client.updateButtons?.(address, textReply('done'))).resolves.toBeUndefined();
    expect(mock.calls('editMessageReplyMarkup')).toHaveLength(1);
  });

  it('says so when the user has blocked the bot', async () => {
    mock.answer('sendMessage', {
      errorCode: 403,
      description: 'Forbidden: bot was blocked by the user',
    });

    const error = await failureOf(() =>
      client.sendDirect({ workspaceId: '', userId: '4242' }, textReply('提醒：跟进东浦医院')),
    );

    expect(error).toMatchObject({ name: 'RemoteServiceError', code: 'telegram_bot_blocked' });
    expect(error?.message).toMatch(/blocked the bot/);
  });

  it('says so when the user never started the bot', async () => {
    mock.answer('sendMessage', {
      errorCode: 403,
      description: "Forbidden: bot can't initiate conversation with a user",
    });

    const error = await failureOf(() =>
      client.sendDirect({ workspaceId: '', userId: '4242' }, textReply('Follow up today.')),
    );

    expect(error).toMatchObject({ name: 'RemoteServiceError', code: 'telegram_chat_not_started' });
    expect(error?.message).toMatch(/press Start/);
  });

  it('fails a rate-limited send at once, without retrying it itself', async () => {
    mock.answer('sendMessage', {
      errorCode: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });

    const error = await failureOf(() => client.reply(GROUP_TOPIC, textReply('hi')));

    expect(error).toMatchObject({
      code: 'telegram_rate_limited',
      details: { retryAfterSeconds: 7 },
    });
    expect(mock.calls('sendMessage')).toHaveLength(1);
  });

  it('reports an unreachable Telegram as a remote failure without the token', async () => {
    mock.server.use(
      http.post(`${TEST_API_ROOT}/bot${TEST_BOT_TOKEN}/sendMessage`, () => HttpResponse.error()),
    );

    const error = await failureOf(() => client.reply(GROUP_TOPIC, textReply('hi')));
    mock.server.resetHandlers();

    expect(error).toMatchObject({ name: 'RemoteServiceError', code: 'telegram_unreachable' });
    expect(JSON.stringify({ message: error?.message })).not.toContain(TEST_BOT_TOKEN);
  });

  it('reports a rejected token as a configuration error', async () => {
    mock.answer('sendMessage', { errorCode: 401, description: 'Unauthorized' });

    const error = await failureOf(() => client.reply(GROUP_TOPIC, textReply('hi')));

    expect(error).toMatchObject({ name: 'ConfigurationError', code: 'telegram_token_rejected' });
  });
});
