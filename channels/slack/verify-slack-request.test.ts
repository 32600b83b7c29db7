import { describe, expect, it } from 'vitest';
import { AuthenticationError, ConfigurationError } from '../../lib/errors.ts';
import { slackSignature, verifySlackRequest } from './verify-slack-request.ts';

const SECRET = 'test-signing-secret';
const TIMESTAMP = '1735689600';
const NOW = new Date(Number(TIMESTAMP) * 1000);
const BODY = '{"type":"event_callback","event_id":"Ev123","text":"你好 deal"}';
/** Computed with `openssl dgst -sha256 -hmac` over `v0:1735689600:<BODY>`. */
const SIGNATURE = 'v0=02b9572943bcb27f5cd0972ca04441292cd9a5a1e4f83c4a9635da54c1db7590';

function headers(overrides: Record<string, string | undefined> = {}) {
  return {
    'X-Slack-Request-Timestamp': TIMESTAMP,
    'X-Slack-Signature': SIGNATURE,
    ...overrides,
  };
}

function errorOf(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function codeOf(run: () => void): string | undefined {
  const error = errorOf(run);
  return error instanceof AuthenticationError ? error.code : undefined;
}

describe('slackSignature', () => {
  it('matches an independently computed HMAC-SHA256 of v0:timestamp:body', () => {
    const signature = slackSignature({
      signingSecret: SECRET,
      timestamp: TIMESTAMP,
      rawBody: BODY,
    });

    expect(signature).toBe(SIGNATURE);
  });

  it('gives the same signature for the body as bytes', () => {
    const rawBody = new TextEncoder().encode(BODY);

    expect(slackSignature({ signingSecret: SECRET, timestamp: TIMESTAMP, rawBody })).toBe(
      SIGNATURE,
    );
  });
});

describe('verifySlackRequest', () => {
  const base = { rawBody: BODY, signingSecret: SECRET, now: NOW };

  it('accepts a correctly signed request', () => {
    expect(errorOf(() => verifySlackRequest({ ...base, headers: headers() }))).toBeUndefined();
  });

  it('accepts a request signed four minutes ago', () => {
    const now = new Date(NOW.getTime() + 240_000);

    expect(errorOf(() => verifySlackRequest({ ...base, now, headers: headers() }))).toBeUndefined();
  });

  it('rejects a request without a signature header', () => {
    const request = { ...base, headers: headers({ 'X-Slack-Signature': undefined }) };

    expect(codeOf(() => verifySlackRequest(request))).toBe('slack_signature_missing');
  });

  it('rejects a request without a timestamp header', () => {
    const request = { ...base, headers: headers({ 'X-Slack-Request-Timestamp': undefined }) };

    expect(codeOf(() => verifySlackRequest(request))).toBe('slack_signature_missing');
  });

  it('rejects a non-numeric timestamp', () => {
    const request = { ...base, headers: headers({ 'X-Slack-Request-Timestamp': '17356e5' }) };

    expect(codeOf(() => verifySlackRequest(request))).toBe('slack_timestamp_invalid');
  });

  it('rejects a stale Slack timestamp', () => {
    const now = new Date(NOW.getTime() + 301_000);

    expect(codeOf(() => verifySlackRequest({ ...base, now, headers: headers() }))).toBe(
      'slack_timestamp_stale',
    );
  });

  it('rejects a timestamp more than five minutes in the future', () => {
    const now = new Date(NOW.getTime() - 301_000);
    const error = errorOf(() => verifySlackRequest({ ...base, now, headers: headers() }));

    expect(error).toMatchObject({
      code: 'slack_timestamp_stale',
      details: { direction: 'future' },
    });
  });

  it('rejects a signature made with another secret', () => {
    const request = { ...base, signingSecret: 'another-secret', headers: headers() };

    expect(codeOf(() => verifySlackRequest(request))).toBe('slack_signature_invalid');
  });

  it('rejects a body changed after signing', () => {
    const request = { ...base, rawBody: BODY.replace('deal', 'deaI'), headers: headers() };

    expect(codeOf(() => verifySlackRequest(request))).toBe('slack_signature_invalid');
  });

  it('rejects a signature replayed with a fresh timestamp', () => {
    const replayedAt = String(Number(TIMESTAMP) + 600);
    const now = new Date(Number(replayedAt) * 1000);
    const request = { ...base, now, headers: headers({ 'X-Slack-Request-Timestamp': replayedAt }) };

    expect(codeOf(() => verifySlackRequest(request))).toBe('slack_signature_invalid');
  });

  it('reports an empty signing secret as a configuration error', () => {
    const error = errorOf(() =>
      verifySlackRequest({ ...base, signingSecret: '', headers: headers() }),
    );

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe('slack_signing_secret_missing');
  });
});
