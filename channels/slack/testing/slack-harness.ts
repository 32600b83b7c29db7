/** The channel contract's harness for Slack: signed requests in, the mocked Web API out. */
import type { SlackConfig } from '../../../lib/channels-config.ts';
import type { ChannelHarness } from '../../channel-contract.ts';
import { createSlackChannel } from '../slack-channel.ts';
import { MESSAGE_TEXT_LIMIT } from '../slack-reply-format.ts';
import type { SlackApiMock } from './slack-api-mock.ts';
import {
  buttonPayload,
  commandRequest,
  directChannelOf,
  directMessage,
  eventRequest,
  interactionRequest,
  signedRequest,
  TEST_API_URL,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  TEST_TEAM_ID,
} from './slack-requests.ts';

/** HTTP events only, the API at the mock. */
export const TEST_SLACK_CONFIG: SlackConfig = {
  botToken: TEST_BOT_TOKEN,
  signingSecret: TEST_SIGNING_SECRET,
  appToken: undefined,
  apiUrl: TEST_API_URL,
};

const FILES = {
  photo: { mimetype: 'image/png', filetype: 'png', name: 'whiteboard.png' },
  voice: { mimetype: 'audio/webm', subtype: 'slack_audio', name: 'audio_message.webm' },
  video: { mimetype: 'video/mp4', filetype: 'mp4', name: 'demo.mp4' },
  file: { mimetype: 'application/pdf', filetype: 'pdf', name: '年报.pdf' },
} as const;

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * Text arrives as a direct message, or as `/dealwise <command> ...` when it starts with a
 * slash; attachments as shared files; buttons as `block_actions`.
 */
export function slackHarness(api: SlackApiMock): ChannelHarness {
  return {
    platform: 'slack',
    createChannel: (dependencies) => createSlackChannel(TEST_SLACK_CONFIG, dependencies),
    textRequest: ({ userId, deliveryId, text }) =>
      text.startsWith('/')
        ? commandRequest({ userId, text: text.slice(1), triggerId: deliveryId })
        : eventRequest({ eventId: deliveryId, event: directMessage({ userId, text }) }),
    attachmentRequest: ({ userId, deliveryId, kind }) =>
      eventRequest({
        eventId: deliveryId,
        event: directMessage({ userId, text: '', files: [FILES[kind as keyof typeof FILES]] }),
      }),
    buttonRequest: ({ userId, deliveryId, actionId, decision }) =>
      interactionRequest(buttonPayload({ userId, actionId, decision, triggerId: deliveryId })),
    forge: async (request) => {
      const body = `${await request.text()} `;
      return new Request(request.url, { method: 'POST', headers: request.headers, body });
    },
    staleRequest: ({ userId, deliveryId, text }) =>
      eventRequest({
        eventId: deliveryId,
        event: directMessage({ userId, text }),
        timestamp: Math.floor(Date.now() / 1000) - 600,
      }),
    malformedRequests: malformedSlackRequests,
    attachmentKinds: ['photo', 'voice', 'video', 'file'],
    addressOf: (user) => ({
      workspaceId: TEST_TEAM_ID,
      chatId: directChannelOf(user.userId),
      direct: true,
    }),
    maxMessageLength: MESSAGE_TEXT_LIMIT,
    sent: () => api.posted(),
    failSends: () => api.failSends(),
    reset: () => api.reset(),
    listen: () => api.listen(),
    close: () => api.close(),
  };
}

/** Correctly signed requests whose bodies Dealwise must refuse with a 4xx. */
export function malformedSlackRequests(): Request[] {
  const json = (body: string) => signedRequest({ body, contentType: JSON_TYPE });
  const form = (body: string) => signedRequest({ body, contentType: FORM_TYPE });
  const envelope = (event: unknown) =>
    JSON.stringify({ type: 'event_callback', team_id: TEST_TEAM_ID, event_id: 'EvBad', event });
  const press = buttonPayload({
    userId: 'U0BAD',
    actionId: 'x',
    decision: 'confirm',
    triggerId: 'tr-bad',
  });

  return [
    json('{"type":"event_callback",'),
    json('[]'),
    json('{"type":"something_else"}'),
    json('{"type":"url_verification"}'),
    json(JSON.stringify({ type: 'event_callback', team_id: TEST_TEAM_ID, event_id: 'EvBad' })),
    json(envelope('not an event')),
    json(envelope({ type: 'app_mention', channel: 'C0SALES', ts: '1.2', text: 'no user' })),
    json(envelope({ type: 'message', channel_type: 'im', channel: 'D1', text: 'no user or ts' })),
    form('payload=%7Bnot-json'),
    form(new URLSearchParams({ payload: JSON.stringify({ ...press, actions: [] }) }).toString()),
    form(
      new URLSearchParams({
        payload: JSON.stringify({ ...press, actions: [{ action_id: 'dealwise_confirm' }] }),
      }).toString(),
    ),
    form('foo=bar'),
    form('command=%2Fdealwise&text=hi&team_id=T1&user_id=U1&channel_id=C1'),
    signedRequest({ body: 'hello', contentType: 'text/plain' }),
  ];
}
