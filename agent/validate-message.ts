import { InputError } from '../lib/errors.ts';

/** The longest user message accepted, in characters. */
export const MAX_MESSAGE_LENGTH = 8_000;

/** The message, trimmed; an empty, oversized or garbled message is an InputError. */
export function validateMessage(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new InputError({
      code: 'message_empty',
      message: 'The message is empty; send some text.',
      details: { field: 'message' },
    });
  }
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw new InputError({
      code: 'message_too_long',
      message: `The message is over ${MAX_MESSAGE_LENGTH} characters; shorten it or split it.`,
      details: { field: 'message' },
    });
  }
  if (text.includes('\uFFFD')) {
    throw new InputError({
      code: 'message_not_utf8',
      message: 'The message holds bytes that are not valid UTF-8; send it encoded as UTF-8.',
      details: { field: 'message' },
    });
  }
  return text.trim();
}
