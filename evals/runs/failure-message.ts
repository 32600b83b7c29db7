import { DealwiseError } from '../../lib/errors.ts';

/** Why a run failed, in one line for its record: the error's code and message. */
export function failureMessage(error: unknown): string {
  if (error instanceof DealwiseError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
