import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import {
  botUserIdOf,
  buttonEvent,
  commandEvent,
  directMessageEvent,
  mentionEvent,
} from './slack-inbound-event.ts';
import type { SlackBlockActionsBody, SlackEventEnvelope } from './slack-payload.ts';

const RECEIVED_AT = new Date('2025-01-01T00:00:00Z');

function envelopeOf(event: Record<string, unknown>, extra: Partial<SlackEventEnvelope> = {}) {
  return {
    type: 'event_callback' as const,
    team_id: 'T1',
    event_id: 'Ev1',
    event_time: 1_735_689_600,
    event: event as SlackEventEnvelope['event'],
    authorizations: [{ user_id: 'U0BOT', is_bot: true }],
    ...extra,
  };
}

const press: SlackBlockActionsBody = {
  type: 'block_actions',
  trigger_id: 'tr-1',
  user: { id: 'U1', team_id: 'T1' },
  team: null,
  channel: { id: 'D1', name: 'directmessage' },
  actions: [{ action_id: 'dealwise_confirm', value: 'act-1:confirm' }],
};

describe('mentionEvent', () => {
  it('dates the event by its event_time', () => {
    const event = { type: 'app_mention', user: 'U1', channel: 'C1', ts: '1.1', text: 'hi' };

    expect(mentionEvent(envelopeOf(event), event, RECEIVED_AT)?.sentAt).toBe(
      '2025-01-01T00:00:00.000Z',
    );
  });

  it('ignores a mention by the bot itself', () => {
    const event = { type: 'app_mention', user: 'U0BOT', channel: 'C1', ts: '1.1', text: 'hi' };

    expect(mentionEvent(envelopeOf(event), event, RECEIVED_AT)).toBeUndefined();
  });

  it('refuses a mention without a channel', () => {
    const event = { type: 'app_mention', user: 'U1', ts: '1.1', text: 'hi' };

    expect(() => mentionEvent(envelopeOf(event), event, RECEIVED_AT)).toThrow(InputError);
  });
});

describe('directMessageEvent', () => {
  it('keeps a direct message said in a thread in that thread', () => {
    const event = {
      type: 'message',
      channel_type: 'im',
      user: 'U1',
      channel: 'D1',
      ts: '2.2',
      thread_ts: '1.1',
      text: '继续',
    };

    expect(directMessageEvent(envelopeOf(event), event, RECEIVED_AT)?.address).toEqual({
      workspaceId: 'T1',
      chatId: 'D1',
      threadId: '1.1',
      direct: true,
      messageId: '2.2',
    });
  });

  it('receives a shared file as an attachment', () => {
    const event = {
      type: 'message',
      subtype: 'file_share',
      channel_type: 'im',
      user: 'U1',
      channel: 'D1',
      ts: '2.2',
      files: [{ mimetype: 'image/png' }],
    };

    expect(directMessageEvent(envelopeOf(event), event, RECEIVED_AT)?.body).toEqual({
      type: 'unsupported',
      kind: 'photo',
    });
  });
});

describe('commandEvent', () => {
  it('addresses a command from a channel to the channel, not as a direct chat', () => {
    const event = commandEvent(
      {
        command: '/dealwise',
        text: 'help',
        team_id: 'T1',
        user_id: 'U1',
        channel_id: 'C1',
        channel_name: 'sales',
        trigger_id: 'tr-9',
      },
      RECEIVED_AT,
    );

    expect(event.address).toEqual({ workspaceId: 'T1', chatId: 'C1', direct: false });
    expect(event.sentAt).toBe(RECEIVED_AT.toISOString());
  });

  it("keeps the command's response URL when it is Slack's, and drops any other", () => {
    const body = {
      command: '/dealwise',
      text: 'help',
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      trigger_id: 'tr-9',
    };
    const urlOf = (responseUrl: string) =>
      commandEvent({ ...body, response_url: responseUrl }, RECEIVED_AT).address.replyUrl;

    expect(urlOf('https://hooks.slack.com/commands/T1/2/x')).toBe(
      'https://hooks.slack.com/commands/T1/2/x',
    );
    expect(urlOf('http://hooks.slack.com/commands/T1/2/x')).toBeUndefined();
    expect(urlOf('https://hooks.slack.com.evil.example/x')).toBeUndefined();
    expect(urlOf('https://169.254.169.254/latest')).toBeUndefined();
    expect(urlOf('not a url')).toBeUndefined();
  });
});

describe('buttonEvent', () => {
  it('reads the write and the decision from the button value', () => {
    const event = buttonEvent(press, press.actions[0]!, RECEIVED_AT);

    expect(event.body).toEqual({ type: 'action', actionId: 'act-1', decision: 'confirm' });
    expect(event.sender.workspaceId).toBe('T1');
  });

  it('refuses a value whose decision does not match the button', () => {
    const action = { action_id: 'dealwise_confirm', value: 'act-1:cancel' };

    expect(() => buttonEvent(press, action, RECEIVED_AT)).toThrow(InputError);
  });

  it('refuses a value without a write id', () => {
    const action = { action_id: 'dealwise_cancel', value: ':cancel' };

    expect(() => buttonEvent(press, action, RECEIVED_AT)).toThrow(InputError);
  });
});

describe('botUserIdOf', () => {
  it('prefers the bot authorization and falls back to authed_users', () => {
    const event = { type: 'app_mention' };
    const withBoth = envelopeOf(event, {
      authorizations: [{ user_id: 'U0HUMAN' }, { user_id: 'U0BOT', is_bot: true }],
    });
    const legacy = envelopeOf(event, { authorizations: undefined, authed_users: ['U0OLD'] });

    expect(botUserIdOf(withBoth)).toBe('U0BOT');
    expect(botUserIdOf(legacy)).toBe('U0OLD');
  });
});
