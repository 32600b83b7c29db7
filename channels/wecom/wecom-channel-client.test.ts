import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError, type DealwiseError, RemoteServiceError } from '../../lib/errors.ts';
import type { ReplyMessage } from '../../messaging/reply-message.ts';
import { createWecomApi } from './wecom-api.ts';
import { createWecomApiMock, TEST_WECOM_CONFIG } from './wecom-api-mock.ts';
import { createWecomChannelClient } from './wecom-channel-client.ts';

const config = TEST_WECOM_CONFIG;
const api = createWecomApiMock(config);
const ADDRESS = { workspaceId: config.corpId, chatId: 'LiSi', direct: true };
const ACTION_ID = '0b9f2d3e-6a41-4c55-9d0e-3f1a2b3c4d5e';

beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => api.server.close());
beforeEach(() => api.reset());

function createClient(secret = config.secret) {
  const wecomApi = createWecomApi({ apiBase: config.apiBase, corpId: config.corpId, secret });
  return createWecomChannelClient({
    api: wecomApi,
    corpId: config.corpId,
    agentId: config.agentId,
  });
}

async function errorOf(promise: Promise<unknown>): Promise<DealwiseError | undefined> {
  try {
    await promise;
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

const ANSWER: ReplyMessage = {
  text: '东浦医院扩建项目预算为 **3.2 亿元** [1]。',
  citations: [{ n: 1, title: '东浦医院年报', locator: 'p. 3', url: 'https://example.com/r' }],
  actions: [],
};

describe('WeCom channel client', () => {
  it('turns the buttons of a pressed card into a label, by its response code', async () => {
    await createClient().updateButtons?.({ ...ADDRESS, messageId: 'code-of-the-press' }, ANSWER);
    await createClient().updateButtons?.(ADDRESS, ANSWER);

    expect(api.cardUpdates()).toEqual([
      {
        userids: ['LiSi'],
        agentid: Number(config.agentId),
        response_code: 'code-of-the-press',
        button: { replace_name: '已处理' },
      },
    ]);
  });

  it("sends a reply as markdown to the sender, as the app's agent", async () => {
    await createClient().reply(ADDRESS, ANSWER);

    expect(api.sends()).toEqual([
      {
        touser: 'LiSi',
        msgtype: 'markdown',
        agentid: 1000002,
        markdown: {
          content:
            '东浦医院扩建项目预算为 **3.2 亿元** [1]。\n\n**来源**\n' +
            '> [1] [东浦医院年报](https://example.com/r) · p. 3',
        },
      },
    ]);
  });

  it('sends a prepared write as a card, its button keys only action and decision', async () => {
    await createClient().reply(ADDRESS, {
      text: '将记录一次通话：东浦医院王主任，关心交付周期。\n请确认。',
      citations: [],
      actions: [
        { actionId: ACTION_ID, decision: 'confirm', label: '确认' },
        { actionId: ACTION_ID, decision: 'cancel', label: '取消' },
      ],
    });

    const [markdown, card] = api.sends();
    expect(markdown?.msgtype).toBe('markdown');
    expect(card).toMatchObject({
      touser: 'LiSi',
      msgtype: 'template_card',
      agentid: 1000002,
      template_card: {
        card_type: 'button_interaction',
        main_title: { title: '请确认', desc: '将记录一次通话：东浦医院王主任，关心交付周期。' },
        button_list: [
          { text: '确认', style: 1, key: `${ACTION_ID}:confirm` },
          { text: '取消', style: 2, key: `${ACTION_ID}:cancel` },
        ],
      },
    });
    const taskId = (card?.template_card as { task_id?: string } | undefined)?.task_id;
    expect(taskId).toMatch(/^[A-Za-z0-9_@-]{1,128}$/);
  });

  it('writes to a linked member unprompted with sendDirect', async () => {
    await createClient().sendDirect(
      { workspaceId: config.corpId, userId: 'WangWu' },
      { text: 'Reminder: follow up with Dongpu today.', citations: [], actions: [] },
    );

    expect(api.sends()[0]).toMatchObject({
      touser: 'WangWu',
      markdown: { content: 'Reminder: follow up with Dongpu today.' },
    });
  });

  it('refuses a proactive message to a member of another corp', async () => {
    const recipient = { workspaceId: 'ww0another0corp', userId: 'WangWu' };
    const error = await errorOf(createClient().sendDirect(recipient, ANSWER));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(api.sends()).toEqual([]);
  });

  it('gets one access token for many sends', async () => {
    const before = api.tokenRequests();
    const client = createClient();
    await client.reply(ADDRESS, ANSWER);
    await client.reply(ADDRESS, ANSWER);

    expect(api.tokenRequests() - before).toBe(1);
    expect(api.sends()).toHaveLength(2);
  });

  it('shares one token request between sends that start together', async () => {
    const before = api.tokenRequests();
    const client = createClient();
    await Promise.all([client.reply(ADDRESS, ANSWER), client.reply(ADDRESS, ANSWER)]);

    expect(api.tokenRequests() - before).toBe(1);
  });

  it('gets a new token and retries once when WeCom says the token expired', async () => {
    const client = createClient();
    await client.reply(ADDRESS, ANSWER);
    const before = api.tokenRequests();
    api.expireToken();
    await client.reply(ADDRESS, ANSWER);

    expect(api.tokenRequests() - before).toBe(1);
    expect(api.sends()).toHaveLength(2);
  });

  it('throws a RemoteServiceError with the errcode when WeCom refuses a send', async () => {
    api.failSends('errcode');
    const error = await errorOf(createClient().reply(ADDRESS, ANSWER));

    expect(error).toBeInstanceOf(RemoteServiceError);
    expect(error?.details).toEqual({ errcode: 50001, errmsg: 'busy' });
    expect(error?.message).toContain('errcode 50001');
    expect(error?.message).not.toContain('access-token');
  });

  it('throws a RemoteServiceError when WeCom answers HTTP 500', async () => {
    api.failSends('http');
    const error = await errorOf(createClient().reply(ADDRESS, ANSWER));

    expect(error).toBeInstanceOf(RemoteServiceError);
    expect(error?.code).toBe('wecom_unavailable');
    expect(error?.message).toContain('HTTP 500');
  });

  it('names the variables to check, not the secret, when WeCom refuses a token', async () => {
    const error = await errorOf(createClient('wrong-secret').reply(ADDRESS, ANSWER));

    expect(error).toBeInstanceOf(RemoteServiceError);
    expect(error?.details).toMatchObject({ errcode: 40001 });
    expect(error?.message).toContain('WECOM_SECRET');
    expect(error?.message).not.toContain('wrong-secret');
  });
});
