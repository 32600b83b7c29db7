import { describe, expect, it } from 'vitest';
import { dueDateIn } from './due-date.ts';

/** Wednesday 2026-03-04, 10:00 in Shanghai. */
const NOW = new Date('2026-03-04T02:00:00Z');

function due(text: string): string {
  return dueDateIn({ text, now: NOW, utcOffsetMinutes: 480 });
}

describe('dueDateIn', () => {
  it('defaults to tomorrow at 09:00 in the user offset', () => {
    expect(due('remind me to call')).toBe('2026-03-05T09:00:00+08:00');
  });

  it('reads days ahead in Chinese and English', () => {
    expect(due('后天提醒我')).toBe('2026-03-06T09:00:00+08:00');
    expect(due('in 3 days')).toBe('2026-03-07T09:00:00+08:00');
  });

  it('reads a weekday of next week with an afternoon hour', () => {
    expect(due('下周五下午3点提醒我')).toBe('2026-03-13T15:00:00+08:00');
    expect(due('on Friday at 3pm')).toBe('2026-03-06T15:00:00+08:00');
  });

  it('keeps the minutes of a clock time', () => {
    expect(due('明天 14:30 提醒我')).toBe('2026-03-05T14:30:00+08:00');
  });

  it('takes a written date as it is', () => {
    expect(due('on 2026-04-01')).toBe('2026-04-01T09:00:00+08:00');
  });
});
