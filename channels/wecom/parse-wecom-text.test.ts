import { describe, expect, it } from 'vitest';
import { parseWecomText } from './parse-wecom-text.ts';

describe('parseWecomText', () => {
  it('keeps a Chinese question as text', () => {
    expect(parseWecomText('  东浦医院最近有什么动态？ ')).toEqual({
      type: 'text',
      text: '东浦医院最近有什么动态？',
    });
  });

  it('reads /pitch with a Chinese account as a command', () => {
    expect(parseWecomText('/pitch 东浦医院')).toEqual({
      type: 'command',
      command: 'pitch',
      argument: '东浦医院',
    });
  });

  it('reads an English command in any case, its argument across lines', () => {
    expect(parseWecomText('/ASK What changed at Dongpu\nlast week?')).toEqual({
      type: 'command',
      command: 'ask',
      argument: 'What changed at Dongpu\nlast week?',
    });
  });

  it('accepts the full-width slash and space of Chinese keyboards', () => {
    expect(parseWecomText('／score　东浦医院')).toEqual({
      type: 'command',
      command: 'score',
      argument: '东浦医院',
    });
  });

  it('reads /link with its code and /new without an argument', () => {
    expect(parseWecomText('/link K7M2-Q9XP')).toEqual({
      type: 'command',
      command: 'link',
      argument: 'K7M2-Q9XP',
    });
    expect(parseWecomText('/new')).toEqual({ type: 'command', command: 'new', argument: '' });
  });

  it('reads 帮助 and /help as the help command', () => {
    for (const text of ['帮助', '/help', ' /帮助 ']) {
      expect(parseWecomText(text)).toEqual({ type: 'command', command: 'help', argument: '' });
    }
  });

  it('leaves unknown commands and words that merely start like one as text', () => {
    expect(parseWecomText('/weather 上海')).toEqual({ type: 'text', text: '/weather 上海' });
    expect(parseWecomText('/asking around')).toEqual({ type: 'text', text: '/asking around' });
    expect(parseWecomText('需要帮助')).toEqual({ type: 'text', text: '需要帮助' });
  });
});
