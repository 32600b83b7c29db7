import { describe, expect, it } from 'vitest';
import { withoutTrailingSourceList } from './reply-message.ts';

const CITATION = { n: 1, title: '新院区建设项目打法', locator: '6. 案例' };

describe('withoutTrailingSourceList', () => {
  it('drops a plain source list closing the text when the reply carries citations', () => {
    const text = '预算约 780 万元。 [1]\n\n来源：\n[1] 新院区建设项目打法 — 6. 案例';
    expect(withoutTrailingSourceList(text, [CITATION])).toBe('预算约 780 万元。 [1]');
  });

  it('drops an English list the same way', () => {
    const text = 'The budget is approved. [1]\nSources:\n[1] Annual report, p. 3\n';
    expect(withoutTrailingSourceList(text, [CITATION])).toBe('The budget is approved. [1]');
  });

  it('keeps a source list that does not close the text', () => {
    const text = 'Sources:\n[1] Annual report\n\nThe budget is approved. [1]';
    expect(withoutTrailingSourceList(text, [CITATION])).toBe(text);
  });

  it('keeps the list when the reply has no citations to show instead', () => {
    const text = 'Answer.\nSources:\n[1] Annual report';
    expect(withoutTrailingSourceList(text, [])).toBe(text);
  });
});
