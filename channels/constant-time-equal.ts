import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets or signatures without leaking, through timing, where they first differ
 * or how long the expected one is.
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  // Hashing first gives both sides the same length, which timingSafeEqual requires, and hides
  // the expected length from a caller who controls `received`.
  const receivedDigest = createHash('sha256').update(received, 'utf8').digest();
  const expectedDigest = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(receivedDigest, expectedDigest);
}
