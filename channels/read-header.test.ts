import { describe, expect, it } from 'vitest';
import { readHeader } from './read-header.ts';

describe('readHeader', () => {
  it('reads a record header whatever the case of its name', () => {
    expect(readHeader({ 'X-Slack-Signature': 'v0=1' }, 'x-slack-signature')).toBe('v0=1');
  });

  it('reads a web Headers object', () => {
    expect(readHeader(new Headers({ 'x-lark-signature': 'abc' }), 'X-Lark-Signature')).toBe('abc');
  });

  it('takes the first of repeated values', () => {
    expect(readHeader({ 'x-slack-retry-num': ['1', '2'] }, 'x-slack-retry-num')).toBe('1');
  });

  it('treats an empty header as absent', () => {
    expect(readHeader({ 'x-slack-signature': '' }, 'x-slack-signature')).toBeUndefined();
  });
});
