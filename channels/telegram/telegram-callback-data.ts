import { InputError } from '../../lib/errors.ts';

/** Telegram's limit on an inline button's `callback_data`, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

const DECISION_CODES = { confirm: 'c', cancel: 'x' } as const;

type Decision = keyof typeof DECISION_CODES;

/** A button press as the core reads it. */
export interface ButtonPress {
  actionId: string;
  decision: Decision;
}

/**
 * The `callback_data` of a confirm or cancel button: `<actionId>:c` or `<actionId>:x`, only
 * what is needed to find the prepared write again; the rest stays on the server.
 */
export function encodeCallbackData(press: ButtonPress): string {
  const data = `${press.actionId}:${DECISION_CODES[press.decision]}`;
  if (Buffer.byteLength(data, 'utf8') <= CALLBACK_DATA_MAX_BYTES) return data;

  throw new InputError({
    code: 'telegram_callback_data_too_long',
    message: `Action id ${press.actionId} is too long for Telegram's 64-byte button data; use a UUID.`,
  });
}

/** The press a button's `callback_data` stands for; undefined for data Dealwise never sent. */
export function decodeCallbackData(data: string): ButtonPress | undefined {
  const match = /^([^:\s]+):([cx])$/.exec(data);
  if (!match?.[1]) return undefined;
  return { actionId: match[1], decision: match[2] === 'c' ? 'confirm' : 'cancel' };
}
