import { HttpResponse, http } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelsConfig, channelsEnvironmentSchema } from '../../lib/channels-config.ts';
import { createLogger } from '../../lib/logger.ts';
import { createFeishuApi } from './feishu-api.ts';
import { createFeishuChannel } from './feishu-channel.ts';
import { createFeishuChannelClient } from './feishu-channel-client.ts';
import { API_BASE, TENANT_KEY } from './testing/feishu-events.ts';
import { cardText, createFeishuMockApi } from './testing/feishu-mock-api.ts';

const mock = createFeishuMockApi();

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.server.resetHandlers());
afterAll(() => mock.server.close());
beforeEach(() => mock.reset());

const client = createFeishuChannelClient({
  api: createFeishuApi({ appId: 'cli_test_app', appSecret: 'app-secret-test', apiBase: API_BASE }),
});
const address = { workspaceId: TENANT_KEY, chatId: 'oc_sales_team', direct: false };
const message = { text: '东浦医院：预算 3.2 亿元。Budget approved.', citations: [], actions: [] };

describe('createFeishuChannelClient', () => {
  it('answers a message by replying to it with an interactive card', async () => {
    await client.reply({ ...address, messageId: 'om_question' }, message);

    const [call] = mock.calls();
    expect(call?.path).toBe('/open-apis/im/v1/messages/om_question/reply');
    expect(call?.body.msg_type).toBe('interactive');
    expect(cardText(String(call?.body.content))).toBe(message.text);
  });

  it('writes into the chat when there is no message to reply to', async () => {
    await client.reply(address, message);

    const [call] = mock.calls();
    expect(call?.path).toBe('/open-apis/im/v1/messages');
    expect(call?.query).toEqual({ receive_id_type: 'chat_id' });
    expect(call?.body.receive_id).toBe('oc_sales_team');
  });

  it("sends a proactive message to the user's open_id", async () => {
    await client.sendDirect({ workspaceId: TENANT_KEY, userId: 'ou_rep' }, message);

    const [call] = mock.calls();
    expect(call?.query).toEqual({ receive_id_type: 'open_id' });
    expect(call?.body.receive_id).toBe('ou_rep');
  });

  it('redraws a pressed card as a shared card with only the buttons still open', async () => {
    const open = '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e';
    const withButtons = {
      ...message,
      actions: [
        { actionId: open, decision: 'confirm' as const, label: '确认' },
        { actionId: open, decision: 'cancel' as const, label: '取消' },
      ],
    };

    await client.updateButtons?.({ ...address, messageId: 'om_pressed' }, withButtons);
    await client.updateButtons?.({ ...address, messageId: 'om_pressed' }, message);

    const [kept, none] = mock.patched();
    expect(kept?.messageId).toBe('om_pressed');
    expect(JSON.parse(kept?.content ?? '{}').config).toEqual({
      wide_screen_mode: true,
      update_multi: true,
    });
    expect(kept?.content).toContain(open);
    expect(cardText(none?.content ?? '{}')).toBe(message.text);
    expect(none?.content).not.toContain('"tag":"button"');
  });

  it('sends the pieces of a long answer in order', async () => {
    const text = ['第一部分。'.repeat(700), '第二部分。'.repeat(700)].join('\n\n');
    await client.reply(address, { ...message, text });

    const texts = mock.calls().map((call) => cardText(String(call.body.content)));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^第一部分/);
    expect(texts[1]).toMatch(/^第二部分/);
  });

  it('gives a resent card the same uuid, so Feishu drops the copy', async () => {
    await client.reply(address, message);
    await client.reply(address, message);
    await client.reply({ ...address, chatId: 'oc_other' }, message);

    const uuids = mock.calls().map((call) => call.body.uuid);
    expect(uuids[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(uuids[1]).toBe(uuids[0]);
    expect(uuids[2]).not.toBe(uuids[0]);
  });

  it('throws a RemoteServiceError when Feishu refuses the send', async () => {
    mock.failSends();

    await expect(client.reply(address, message)).rejects.toMatchObject({
      name: 'RemoteServiceError',
      details: { feishuCode: 99991400 },
    });
  });
});

describe('createFeishuChannel with a Lark configuration', () => {
  it('calls the Lark open API at open.larksuite.com', async () => {
    const urls: string[] = [];
    const lark = 'https://open.larksuite.com';
    mock.server.use(
      http.post(`${lark}/open-apis/auth/v3/tenant_access_token/internal`, ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({ code: 0, tenant_access_token: 't-lark', expire: 7200 });
      }),
      http.post(`${lark}/open-apis/im/v1/messages`, ({ request }) => {
        urls.push(request.url);
        return HttpResponse.json({ code: 0, data: { message_id: 'om_1' } });
      }),
    );
    const environment = channelsEnvironmentSchema.parse({
      FEISHU_APP_ID: 'cli_lark_app',
      FEISHU_APP_SECRET: 'lark-secret',
      FEISHU_VERIFICATION_TOKEN: 'lark-token',
      FEISHU_DOMAIN: 'lark',
    });
    const config = channelsConfig(environment).feishu;
    if (!config) throw new Error('the Lark configuration did not parse');
    const channel = createFeishuChannel(config, {
      logger: createLogger({ level: 'silent' }),
      receive: async () => 'accepted',
    });

    await channel.client.sendDirect({ workspaceId: 'tenant-lark', userId: 'ou_rep' }, message);

    expect(urls).toEqual([
      `${lark}/open-apis/auth/v3/tenant_access_token/internal`,
      `${lark}/open-apis/im/v1/messages?receive_id_type=open_id`,
    ]);
    expect(channel.receiving).toContain('lark');
  });
});
