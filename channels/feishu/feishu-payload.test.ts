import { describe, expect, it } from 'vitest';
import type { DealwiseError } from '../../lib/errors.ts';
import { feishuChallenge, feishuEventId, verifyFeishuToken } from './feishu-payload.ts';

const TOKEN = 'verification-token-1';
const V2_EVENT = {
  schema: '2.0',
  header: { event_id: '5e3702a84e847582be8db7fb73283c02', token: TOKEN, event_type: 'x' },
  event: {},
};
const V1_EVENT = { uuid: 'bc447199585340d1f3728d26b1c0297a', token: TOKEN, type: 'event_callback' };
const CHALLENGE = { challenge: 'ch-1', token: TOKEN, type: 'url_verification' };

function errorOf(run: () => unknown): DealwiseError | undefined {
  try {
    run();
  } catch (error) {
    return error as DealwiseError;
  }
  return undefined;
}

describe('verifyFeishuToken', () => {
  it.each([
    ['a schema 2.0 event by header.token', V2_EVENT],
    ['a 1.0 event by token', V1_EVENT],
    ['a url_verification challenge by token', CHALLENGE],
  ])('accepts %s', (_label, payload) => {
    expect(errorOf(() => verifyFeishuToken({ payload, verificationToken: TOKEN }))).toBeUndefined();
  });

  it('rejects a wrong token', () => {
    const payload = { ...V1_EVENT, token: 'forged' };

    expect(errorOf(() => verifyFeishuToken({ payload, verificationToken: TOKEN }))).toMatchObject({
      name: 'AuthenticationError',
      code: 'feishu_token_invalid',
    });
  });

  it('ignores a top-level token on a schema 2.0 event', () => {
    const payload = { ...V2_EVENT, header: { event_id: 'e1' }, token: TOKEN };

    expect(errorOf(() => verifyFeishuToken({ payload, verificationToken: TOKEN }))?.code).toBe(
      'feishu_token_invalid',
    );
  });

  it('reports an empty configured token as a configuration error', () => {
    expect(
      errorOf(() => verifyFeishuToken({ payload: V1_EVENT, verificationToken: '' }))?.code,
    ).toBe('feishu_verification_token_missing');
  });
});

describe('feishuChallenge', () => {
  it('returns the challenge of a url_verification request', () => {
    expect(feishuChallenge(CHALLENGE)).toBe('ch-1');
  });

  it('returns undefined for an event', () => {
    expect(feishuChallenge(V2_EVENT)).toBeUndefined();
  });
});

describe('feishuEventId', () => {
  it('reads header.event_id of a schema 2.0 event', () => {
    expect(feishuEventId(V2_EVENT)).toBe('5e3702a84e847582be8db7fb73283c02');
  });

  it('reads uuid of a 1.0 event', () => {
    expect(feishuEventId(V1_EVENT)).toBe('bc447199585340d1f3728d26b1c0297a');
  });

  it('returns undefined for a challenge', () => {
    expect(feishuEventId(CHALLENGE)).toBeUndefined();
  });
});
