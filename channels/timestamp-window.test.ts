import { describe, expect, it } from 'vitest';
import { isWithinTimestampWindow, parseUnixSeconds } from './timestamp-window.ts';

const NOW = new Date('2025-01-01T00:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

describe('parseUnixSeconds', () => {
  it('parses whole seconds', () => {
    expect(parseUnixSeconds('1531420618')).toBe(1531420618);
  });

  it.each(['', '-5', '1.5', '1e9', ' 15', 'abc', '0x10'])('rejects %j', (value) => {
    expect(parseUnixSeconds(value)).toBeUndefined();
  });
});

describe('isWithinTimestampWindow', () => {
  it('accepts a timestamp exactly five minutes old', () => {
    const timestampSeconds = NOW_SECONDS - 300;
    expect(isWithinTimestampWindow({ timestampSeconds, now: NOW })).toBe(true);
  });

  it('rejects a timestamp five minutes and a second old', () => {
    const timestampSeconds = NOW_SECONDS - 301;
    expect(isWithinTimestampWindow({ timestampSeconds, now: NOW })).toBe(false);
  });

  it('rejects a timestamp more than five minutes ahead', () => {
    const timestampSeconds = NOW_SECONDS + 301;
    expect(isWithinTimestampWindow({ timestampSeconds, now: NOW })).toBe(false);
  });

  it('honours a configured tolerance', () => {
    const timestampSeconds = NOW_SECONDS - 61;
    expect(isWithinTimestampWindow({ timestampSeconds, now: NOW, toleranceSeconds: 60 })).toBe(
      false,
    );
  });
});
