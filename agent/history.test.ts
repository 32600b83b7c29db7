import { describe, expect, it } from 'vitest';
import { type DialogueMessage, VERBATIM_MESSAGES, windowDialogue } from './history.ts';

const dialogue = (length: number): DialogueMessage[] =>
  Array.from({ length }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    text: `message ${index} ${'word '.repeat(40)}`,
  }));

describe('windowDialogue', () => {
  it('sends a short conversation verbatim with no summary', () => {
    const messages = dialogue(4);

    expect(windowDialogue(messages)).toEqual({ summary: null, recent: messages });
  });

  it('keeps the latest messages verbatim and summarises the older ones', () => {
    const messages = dialogue(VERBATIM_MESSAGES + 6);

    const { summary, recent } = windowDialogue(messages);

    expect(recent).toEqual(messages.slice(-VERBATIM_MESSAGES));
    expect(summary?.split('\n')).toHaveLength(6);
    expect(summary).toMatch(/^User: message 0 word/);
    expect(summary).not.toContain(`message ${6} `);
  });

  it('bounds the summary of a very long conversation', () => {
    const { summary } = windowDialogue(dialogue(400));

    expect(summary?.length).toBeLessThanOrEqual(2_001);
    expect(summary?.startsWith('…')).toBe(true);
  });
});
