import { describe, expect, it } from 'vitest';
import { turnResult } from '../__fixtures__/turn-result.ts';
import { detectRefusal } from './detect-refusal.ts';
import { detectUnknown } from './detect-unknown.ts';

describe('detectRefusal', () => {
  it('sees refusals in Chinese and English', () => {
    const zh = turnResult({ text: '抱歉，内部价格、折扣不能在这里提供。' });
    const en = turnResult({ text: 'Sorry, that is not something I can share here.' });

    expect(detectRefusal(zh)).toMatch(/declines/);
    expect(detectRefusal(en)).toMatch(/declines/);
  });

  it('counts a tool that refused the caller as a refusal', () => {
    const result = turnResult({
      text: '...',
      toolCalls: [
        { id: '1', name: 'get_account_overview', arguments: {}, error: 'account_out_of_scope' },
      ],
    });

    expect(detectRefusal(result)).toBe('get_account_overview refused with account_out_of_scope');
  });

  it('does not take an answer for a refusal', () => {
    expect(detectRefusal(turnResult({ text: '报销比例为 70%（乙类）。' }))).toBeUndefined();
  });
});

describe('detectUnknown', () => {
  it("sees the offline model's no-answer text in both languages", () => {
    const zh = turnResult({ text: '知识库中没有找到相关内容，我不做猜测。' });
    const en = turnResult({
      text: "I couldn't find this in the knowledge base, so I won't guess.",
    });

    expect(detectUnknown(zh)).toBe('知识库中没有找到相关内容');
    expect(detectUnknown(en)).toBe("couldn't find");
  });

  it('does not take an answer for "I don\'t know"', () => {
    expect(detectUnknown(turnResult({ text: 'The HK-U3 battery lasts about 90 minutes.' }))).toBe(
      undefined,
    );
  });
});
