import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time-equal.ts';

describe('constantTimeEqual', () => {
  it('accepts identical strings', () => {
    expect(constantTimeEqual('v0=abc123', 'v0=abc123')).toBe(true);
  });

  it('rejects strings that differ in one character', () => {
    expect(constantTimeEqual('v0=abc123', 'v0=abc124')).toBe(false);
  });

  it('rejects a prefix of the expected string', () => {
    expect(constantTimeEqual('v0=abc', 'v0=abc123')).toBe(false);
  });

  it('compares non-ASCII text by its UTF-8 bytes', () => {
    expect(constantTimeEqual('密钥', '密钥')).toBe(true);
  });
});
