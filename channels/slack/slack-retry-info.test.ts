import { describe, expect, it } from 'vitest';
import { slackRetryInfo } from './slack-retry-info.ts';

describe('slackRetryInfo', () => {
  it('reads the retry number and reason of a redelivery', () => {
    const headers = { 'X-Slack-Retry-Num': '2', 'X-Slack-Retry-Reason': 'http_timeout' };

    expect(slackRetryInfo(headers)).toEqual({ retryNumber: 2, reason: 'http_timeout' });
  });

  it('leaves the reason undefined when Slack gives none', () => {
    expect(slackRetryInfo({ 'x-slack-retry-num': '1' })).toEqual({
      retryNumber: 1,
      reason: undefined,
    });
  });

  it('returns undefined for a first delivery', () => {
    expect(slackRetryInfo({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it('returns undefined for a retry number that is not a whole number', () => {
    expect(slackRetryInfo({ 'x-slack-retry-num': 'one' })).toBeUndefined();
  });
});
