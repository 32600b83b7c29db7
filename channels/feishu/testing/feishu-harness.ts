import type { ChannelHarness, HarnessUser } from '../../channel-contract.ts';
import { createFeishuChannel } from '../feishu-channel.ts';
import {
  cardActionEvent,
  chatOf,
  ENCRYPT_KEY,
  encryptPayload,
  eventEnvelope,
  eventRequest,
  messageEvent,
  TENANT_KEY,
  testConfig,
  VERIFICATION_TOKEN,
} from './feishu-events.ts';
import { createFeishuMockApi, type FeishuMockApi } from './feishu-mock-api.ts';

/** The contract harness: encrypted, signed events against the mocked API. */
export function createFeishuHarness(api: FeishuMockApi = createFeishuMockApi()): ChannelHarness {
  const config = testConfig();
  const request = (payload: unknown, timestamp?: number): Request =>
    eventRequest({ payload, encryptKey: ENCRYPT_KEY, timestamp });
  const signedRaw = (rawBody: string): Request =>
    eventRequest({ payload: null, rawBody, encryptKey: ENCRYPT_KEY });
  const text = (options: HarnessUser & { text: string }) =>
    messageEvent({ eventId: options.deliveryId, openId: options.userId, text: options.text });

  return {
    platform: 'feishu',
    createChannel: (dependencies) => createFeishuChannel(config, dependencies),
    textRequest: (options) => request(text(options)),
    attachmentRequest: (options) =>
      request(
        messageEvent({
          eventId: options.deliveryId,
          openId: options.userId,
          messageType: ATTACHMENT_TYPES[options.kind] ?? 'share_chat',
          content: JSON.stringify({ image_key: 'img_v3_x', file_key: 'file_v3_x' }),
        }),
      ),
    buttonRequest: (options) =>
      request(
        cardActionEvent({
          eventId: options.deliveryId,
          openId: options.userId,
          value: { actionId: options.actionId, decision: options.decision },
        }),
      ),
    forge: async (original) => {
      const forged = new Request(original, { body: await original.text() });
      forged.headers.set('x-lark-signature', '0'.repeat(64));
      return forged;
    },
    staleRequest: (options) => request(text(options), Math.floor(Date.now() / 1000) - 301),
    malformedRequests: () => [
      signedRaw('not json'),
      signedRaw('{"encrypt":"bm90IGEgY2lwaGVydGV4dA=="}'),
      signedRaw(JSON.stringify({ encrypt: encryptPayload('not json either') })),
      request({ schema: '2.0', header: { token: VERIFICATION_TOKEN, event_type: 'x' } }),
      request({
        schema: '2.0',
        header: { ...eventEnvelope('evt-malformed', 'im.message.receive_v1') },
        event: { sender: {}, message: {} },
      }),
      request(messageEvent({ eventId: 'evt-bad-content', openId: 'ou_x', content: 'not json' })),
      request(
        cardActionEvent({ eventId: 'evt-bad-press', openId: 'ou_x', value: { decision: 'maybe' } }),
      ),
    ],
    attachmentKinds: ['sticker', 'photo', 'voice', 'video', 'file', 'location', 'other'],
    addressOf: (user) => ({
      workspaceId: TENANT_KEY,
      chatId: chatOf(user.userId),
      direct: true,
      messageId: `om_${user.deliveryId}`,
    }),
    maxMessageLength: 4000,
    sent: () => api.sent(),
    failSends: () => api.failSends(),
    reset: () => api.reset(),
    listen: () => api.server.listen({ onUnhandledRequest: 'error' }),
    close: () => api.server.close(),
  };
}

/** The Feishu message type of each attachment kind. */
const ATTACHMENT_TYPES: Record<string, string> = {
  sticker: 'sticker',
  photo: 'image',
  voice: 'audio',
  video: 'media',
  file: 'file',
  location: 'location',
  other: 'share_chat',
};
