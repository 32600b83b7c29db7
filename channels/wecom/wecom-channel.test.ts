import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../lib/errors.ts';
import { createLogger } from '../../lib/logger.ts';
import {
  type ChannelHarness,
  describeChannelContract,
  type SentMessage,
} from '../channel-contract.ts';
import { createWecomApiMock, TEST_WECOM_CONFIG } from './wecom-api-mock.ts';
import { createWecomChannel } from './wecom-channel.ts';
import { signedCallback, signedEnvelope, wecomMessageXml } from './wecom-test-callbacks.ts';

const config = TEST_WECOM_CONFIG;
const api = createWecomApiMock(config);

beforeAll(() => api.server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => api.server.close());

/** The MsgType WeCom uses for each attachment kind it can send an app. */
const ATTACHMENT_TYPES = {
  photo: { MsgType: 'image', PicUrl: 'https://wework.qpic.cn/p.jpg', MediaId: 'media-1' },
  voice: { MsgType: 'voice', MediaId: 'media-2', Format: 'amr' },
  video: { MsgType: 'video', MediaId: 'media-3', ThumbMediaId: 'thumb-3' },
  location: { MsgType: 'location', Location_X: '31.23', Location_Y: '121.47', Label: '上海' },
  other: { MsgType: 'link', Title: '东浦医院官网', Url: 'https://example.com', PicUrl: '' },
} as const;

const startSeconds = Math.floor(Date.now() / 1000);
const deliveries = new Map<string, number>();

/** A number per delivery id, so a redelivery repeats its MsgId and CreateTime. */
function deliveryNumber(deliveryId: string): number {
  const known = deliveries.get(deliveryId);
  if (known !== undefined) return known;
  deliveries.set(deliveryId, deliveries.size + 1);
  return deliveries.size;
}

function messageFields(user: { userId: string; deliveryId: string }): Record<string, string> {
  const number = deliveryNumber(user.deliveryId);
  return {
    ToUserName: config.corpId,
    FromUserName: user.userId,
    CreateTime: String(startSeconds + number),
    MsgId: String(10n ** 18n + BigInt(number)),
    AgentID: config.agentId,
  };
}

function callback(fields: Record<string, string>, timestamp?: number): Request {
  return signedCallback({ config, message: wecomMessageXml(fields), timestamp });
}

/** What a reader sees of a message the mocked API received. */
function sentMessage(body: Record<string, unknown>): SentMessage {
  const markdown = body.markdown as { content: string } | undefined;
  const card = body.template_card as
    | { main_title: { title: string; desc?: string }; button_list: { text: string }[] }
    | undefined;
  const cardText = card
    ? [card.main_title.title, card.main_title.desc, ...card.button_list.map((b) => b.text)]
    : [];
  return {
    to: String(body.touser),
    text: markdown?.content ?? cardText.filter(Boolean).join('\n'),
    raw: JSON.stringify(body),
  };
}

const harness: ChannelHarness = {
  platform: 'wecom',
  createChannel: (dependencies) => createWecomChannel(config, dependencies),
  textRequest: (options) =>
    callback({ ...messageFields(options), MsgType: 'text', Content: options.text }),
  attachmentRequest: (options) =>
    callback({
      ...messageFields(options),
      ...ATTACHMENT_TYPES[options.kind as keyof typeof ATTACHMENT_TYPES],
    }),
  buttonRequest: (options) => {
    const { MsgId: _none, ...fields } = messageFields(options);
    return callback({
      ...fields,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: `${options.actionId}:${options.decision}`,
      TaskId: `dw-${options.actionId}-0a1b2c3d4e5f`,
      CardType: 'button_interaction',
      ResponseCode: 'response-code',
    });
  },
  forge: async (request) => {
    const other = callback({
      ...messageFields({ userId: 'intruder', deliveryId: 'forged' }),
      MsgType: 'text',
      Content: 'hi',
    });
    return new Request(request.url, {
      method: 'POST',
      headers: request.headers,
      body: await other.text(),
    });
  },
  staleRequest: (options) =>
    callback(
      { ...messageFields(options), MsgType: 'text', Content: options.text },
      Math.floor(Date.now() / 1000) - 600,
    ),
  malformedRequests: () => {
    const sender = messageFields({ userId: 'malformed', deliveryId: 'malformed' });
    const signed = signedCallback({ config, message: wecomMessageXml({ Content: 'x' }) });
    return [
      new Request(signed.url, { method: 'POST', body: 'not xml at all' }),
      new Request(signed.url, { method: 'POST', body: '<xml><ToUserName>ww</ToUserName></xml>' }),
      signedEnvelope({ config, encrypted: 'not*base64' }),
      signedCallback({ config, message: 'plain text, not XML' }),
      callback({ ...sender, FromUserName: '', MsgType: 'text', Content: 'hi' }),
      callback({ ...sender, MsgType: 'text' }),
      callback({ ...sender, CreateTime: 'yesterday', MsgType: 'text', Content: 'hi' }),
      callback({ ...sender, MsgType: 'event', Event: 'template_card_event', EventKey: 'menu_1' }),
    ];
  },
  attachmentKinds: ['photo', 'voice', 'video', 'location', 'other'],
  addressOf: (user) => ({ workspaceId: config.corpId, chatId: user.userId, direct: true }),
  maxMessageLength: 2048,
  sent: () => api.sends().map(sentMessage),
  failSends: () => api.failSends('errcode'),
  reset: () => api.reset(),
};

describeChannelContract(harness);

describe('createWecomChannel', () => {
  const dependencies = {
    db: undefined as never,
    logger: createLogger({ level: 'silent' }),
    receive: async () => 'accepted' as const,
  };

  it('says how it receives, for the start-up log', () => {
    const channel = createWecomChannel(config, dependencies);

    expect(channel.platform).toBe('wecom');
    expect(channel.receiving).toBe('WeCom app 1000002 callbacks at GET and POST /wecom/callback');
  });

  it('refuses at once an EncodingAESKey that cannot be a key', () => {
    const broken = { ...config, encodingAesKey: 'too-short' };

    expect(() => createWecomChannel(broken, dependencies)).toThrow(ConfigurationError);
  });
});
