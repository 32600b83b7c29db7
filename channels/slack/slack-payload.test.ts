import { describe, expect, it } from 'vitest';
import { InputError } from '../../lib/errors.ts';
import { classifySlackBody, parseSlackRequestBody } from './slack-payload.ts';

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

function errorOf(run: () => unknown): InputError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  return undefined;
}

const envelope = {
  type: 'event_callback',
  team_id: 'T1',
  event_id: 'Ev1',
  event: { type: 'app_mention', text: '东浦医院' },
};

describe('parseSlackRequestBody', () => {
  it('reads an Events API envelope, whatever the charset parameter', () => {
    const payload = parseSlackRequestBody({
      rawBody: JSON.stringify(envelope),
      contentType: 'application/json; charset=utf-8',
    });

    expect(payload).toMatchObject({ kind: 'event', body: { event_id: 'Ev1' } });
  });

  it('reads a URL verification challenge', () => {
    const rawBody = JSON.stringify({ type: 'url_verification', challenge: 'c-1', token: 't' });

    expect(parseSlackRequestBody({ rawBody, contentType: JSON_TYPE })).toEqual({
      kind: 'url_verification',
      challenge: 'c-1',
    });
  });

  it('reads a form-encoded slash command', () => {
    const rawBody = new URLSearchParams({
      command: '/dealwise',
      text: 'score 东浦医院',
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      trigger_id: 'tr-1',
    }).toString();

    expect(parseSlackRequestBody({ rawBody, contentType: FORM_TYPE })).toMatchObject({
      kind: 'command',
      body: { text: 'score 东浦医院', trigger_id: 'tr-1' },
    });
  });

  it('reads a block_actions payload from the payload field', () => {
    const payload = {
      type: 'block_actions',
      trigger_id: 'tr-2',
      user: { id: 'U1' },
      team: { id: 'T1' },
      actions: [{ action_id: 'dealwise_confirm', value: 'a1:confirm' }],
    };
    const rawBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

    expect(parseSlackRequestBody({ rawBody, contentType: FORM_TYPE })).toMatchObject({
      kind: 'interaction',
      body: { trigger_id: 'tr-2' },
    });
  });

  it('ignores SSL checks, rate-limit notices and interactions other than button presses', () => {
    const ignored = [
      parseSlackRequestBody({ rawBody: 'ssl_check=1&token=t', contentType: FORM_TYPE }),
      parseSlackRequestBody({ rawBody: '{"type":"app_rate_limited"}', contentType: JSON_TYPE }),
      parseSlackRequestBody({
        rawBody: `payload=${encodeURIComponent('{"type":"view_submission"}')}`,
        contentType: FORM_TYPE,
      }),
    ];

    expect(ignored.map((payload) => payload.kind)).toEqual(['ignored', 'ignored', 'ignored']);
  });

  it('refuses a content type Slack does not send', () => {
    const error = errorOf(() =>
      parseSlackRequestBody({ rawBody: 'hi', contentType: 'text/plain' }),
    );

    expect(error?.code).toBe('slack_content_type_unsupported');
  });

  it('refuses invalid JSON without echoing the body', () => {
    const error = errorOf(() =>
      parseSlackRequestBody({ rawBody: '{"secret":"东浦 budget', contentType: JSON_TYPE }),
    );

    expect(error?.code).toBe('slack_payload_malformed');
    expect(error?.message).not.toContain('东浦');
  });

  it('names the missing fields of an envelope', () => {
    const error = errorOf(() =>
      parseSlackRequestBody({
        rawBody: JSON.stringify({ type: 'event_callback', team_id: 'T1' }),
        contentType: JSON_TYPE,
      }),
    );

    expect(error?.message).toContain('event_id');
    expect(error?.message).toContain('event');
  });

  it('refuses a form with neither a command nor a payload', () => {
    const error = errorOf(() => parseSlackRequestBody({ rawBody: 'a=b', contentType: FORM_TYPE }));

    expect(error?.code).toBe('slack_payload_malformed');
  });
});

describe('classifySlackBody', () => {
  it('reads Socket Mode payloads by their envelope type', () => {
    const command = {
      command: '/dealwise',
      text: 'help',
      team_id: 'T1',
      user_id: 'U1',
      channel_id: 'C1',
      trigger_id: 'tr-3',
    };

    expect(classifySlackBody(envelope, 'events_api').kind).toBe('event');
    expect(classifySlackBody(command, 'slash_commands').kind).toBe('command');
  });

  it('does not answer a URL verification that arrives over Socket Mode', () => {
    const body = { type: 'url_verification', challenge: 'c-1' };

    expect(classifySlackBody(body, 'events_api').kind).toBe('ignored');
  });

  it('refuses a body that is not an object', () => {
    expect(errorOf(() => classifySlackBody([envelope], 'json'))?.code).toBe(
      'slack_payload_malformed',
    );
  });
});
