/** Signed Slack requests as Slack sends them, for the Slack channel's tests and benchmark. */
import { slackSignature } from '../verify-slack-request.ts';

export const TEST_SIGNING_SECRET = 'test-slack-signing-secret';
export const TEST_BOT_TOKEN = 'xoxb-test-bot-token';
export const TEST_APP_TOKEN = 'xapp-test-app-token';
export const TEST_API_URL = 'https://slack.test/api/';
export const TEST_TEAM_ID = 'T0DEALWISE';
export const TEST_BOT_USER_ID = 'U0DEALBOT';
export const EVENTS_URL = 'https://dealwise.test/slack/events';

export interface SignedRequestOptions {
  body: string;
  contentType: string;
  /** Unix seconds; now unless given. */
  timestamp?: number;
  signingSecret?: string;
  headers?: Record<string, string>;
}

/** A POST to /slack/events signed the way Slack signs it. */
export function signedRequest(options: SignedRequestOptions): Request {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature = slackSignature({
    signingSecret: options.signingSecret ?? TEST_SIGNING_SECRET,
    timestamp,
    rawBody: options.body,
  });
  return new Request(EVENTS_URL, {
    method: 'POST',
    headers: {
      'content-type': options.contentType,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
      ...options.headers,
    },
    body: options.body,
  });
}

/** An Events API envelope around one event. */
export function eventEnvelope(options: {
  eventId: string;
  event: Record<string, unknown>;
  teamId?: string;
}): Record<string, unknown> {
  const teamId = options.teamId ?? TEST_TEAM_ID;
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0DEALWISE',
    type: 'event_callback',
    event_id: options.eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: TEST_BOT_USER_ID, is_bot: true },
    ],
    event: options.event,
  };
}

/** A signed Events API request around one event. */
export function eventRequest(options: {
  eventId: string;
  event: Record<string, unknown>;
  timestamp?: number;
}): Request {
  return signedRequest({
    body: JSON.stringify(eventEnvelope(options)),
    contentType: 'application/json',
    timestamp: options.timestamp,
  });
}

/** A direct message (`message.im`) event from a user. */
export function directMessage(options: {
  userId: string;
  text: string;
  ts?: string;
  threadTs?: string;
  files?: Record<string, unknown>[];
  extra?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    type: 'message',
    channel_type: 'im',
    channel: directChannelOf(options.userId),
    user: options.userId,
    text: options.text,
    ts: options.ts ?? '1735689600.000100',
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    ...(options.files ? { subtype: 'file_share', files: options.files } : {}),
    ...options.extra,
  };
}

/** An `app_mention` event in a channel. */
export function mention(options: {
  userId: string;
  text: string;
  channel?: string;
  ts?: string;
  threadTs?: string;
}): Record<string, unknown> {
  return {
    type: 'app_mention',
    channel: options.channel ?? 'C0SALES',
    user: options.userId,
    text: options.text,
    ts: options.ts ?? '1735689600.000200',
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

/** A signed `/dealwise` slash command. */
export function commandRequest(options: {
  userId: string;
  text: string;
  triggerId: string;
  channelId?: string;
  timestamp?: number;
}): Request {
  const channelId = options.channelId ?? directChannelOf(options.userId);
  const form = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEST_TEAM_ID,
    team_domain: 'dealwise',
    channel_id: channelId,
    channel_name: channelId.startsWith('D') ? 'directmessage' : 'sales',
    user_id: options.userId,
    user_name: 'rep',
    command: '/dealwise',
    text: options.text,
    api_app_id: 'A0DEALWISE',
    response_url: 'https://hooks.slack.com/commands/T0DEALWISE/1/cmd-secret',
    trigger_id: options.triggerId,
  });
  return signedRequest({
    body: form.toString(),
    contentType: 'application/x-www-form-urlencoded',
    timestamp: options.timestamp,
  });
}

/** The `block_actions` payload of a press of a Dealwise button. */
export function buttonPayload(options: {
  userId: string;
  actionId: string;
  decision: 'confirm' | 'cancel';
  triggerId: string;
  channelId?: string;
  threadTs?: string;
}): Record<string, unknown> {
  const channelId = options.channelId ?? directChannelOf(options.userId);
  return {
    type: 'block_actions',
    user: { id: options.userId, username: 'rep', name: 'rep', team_id: TEST_TEAM_ID },
    api_app_id: 'A0DEALWISE',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1735689700.000300', channel_id: channelId },
    trigger_id: options.triggerId,
    team: { id: TEST_TEAM_ID, domain: 'dealwise' },
    channel: { id: channelId, name: channelId.startsWith('D') ? 'directmessage' : 'sales' },
    message: {
      type: 'message',
      ts: '1735689700.000300',
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    response_url: 'https://hooks.slack.com/actions/T0DEALWISE/1/act-secret',
    actions: [
      {
        type: 'button',
        action_id: `dealwise_${options.decision}`,
        block_id: 'b1',
        value: `${options.actionId}:${options.decision}`,
        action_ts: '1735689701.000400',
      },
    ],
  };
}

/** A signed interactivity request carrying a payload. */
export function interactionRequest(payload: unknown, timestamp?: number): Request {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return signedRequest({ body, contentType: 'application/x-www-form-urlencoded', timestamp });
}

/** The direct-message channel the mock gives a user: `D` and the user id. */
export function directChannelOf(userId: string): string {
  return `D${userId}`;
}
