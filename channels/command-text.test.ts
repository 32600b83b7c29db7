import { describe, expect, it } from 'vitest';
import { commandText } from './command-text.ts';

describe('commandText', () => {
  it('asks for help when nothing is left after the bot’s mention', () => {
    expect(commandText('  ')).toEqual({ type: 'command', command: 'help', argument: '' });
  });

  it('reads a command written without a space before a Chinese argument', () => {
    expect(commandText('/pitch东浦医院')).toEqual({
      type: 'command',
      command: 'pitch',
      argument: '东浦医院',
    });
  });

  it('keeps a Chinese question as text', () => {
    expect(commandText('  东浦医院最近有什么动态？ ')).toEqual({
      type: 'text',
      text: '东浦医院最近有什么动态？',
    });
  });

  it('reads /pitch with a Chinese account as a command', () => {
    expect(commandText('/pitch 东浦医院')).toEqual({
      type: 'command',
      command: 'pitch',
      argument: '东浦医院',
    });
  });

  it('reads an English command in any case, its argument across lines', () => {
    expect(commandText('/ASK What changed at Dongpu\nlast week?')).toEqual({
      type: 'command',
      command: 'ask',
      argument: 'What changed at Dongpu\nlast week?',
    });
  });

  it('accepts the full-width slash and space of Chinese keyboards', () => {
    expect(commandText('／score　东浦医院')).toEqual({
      type: 'command',
      command: 'score',
      argument: '东浦医院',
    });
  });

  it('reads /link with its code and /new without an argument', () => {
    expect(commandText('/link K7M2-Q9XP')).toEqual({
      type: 'command',
      command: 'link',
      argument: 'K7M2-Q9XP',
    });
    expect(commandText('/new')).toEqual({ type: 'command', command: 'new', argument: '' });
  });

  it('reads 帮助 and /help as the help command', () => {
    for (const text of ['帮助', '/help', ' /帮助 ']) {
      expect(commandText(text)).toEqual({ type: 'command', command: 'help', argument: '' });
    }
  });

  it('leaves unknown commands and words that merely start like one as text', () => {
    expect(commandText('/weather 上海')).toEqual({ type: 'text', text: '/weather 上海' });
    expect(commandText('/asking around')).toEqual({ type: 'text', text: '/asking around' });
    expect(commandText('需要帮助')).toEqual({ type: 'text', text: '需要帮助' });
  });
});
