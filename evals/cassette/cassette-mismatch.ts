import { InputError } from '../../lib/errors.ts';
import { canonicalJson } from './normalize-request.ts';

/** Which case run a model request belongs to, for attributing mismatches. */
export interface CassetteScope {
  suite: string;
  caseId: string;
  repeat: number;
  /** The attempt of the case run, or `judge` for the judge's requests. */
  part: number | 'judge';
}

/** A request a replay could not serve from the cassette; it was not sent anywhere. */
export interface CassetteMismatch {
  /** The case run that made it; undefined outside any case. */
  scope: CassetteScope | undefined;
  key: string;
  path: string;
  /** `not_recorded`: no recorded request is like it; `used_up`: it came more often. */
  reason: 'not_recorded' | 'used_up';
  /** The request in a line: model, message count and the last message. */
  request: string;
  /** Where it differs from the closest recorded request, when there is one. */
  difference: string | undefined;
}

const EXCERPT_LENGTH = 80;
/** Characters shown before the first difference of two texts. */
const CONTEXT_BEFORE = 20;

/** True when the mismatch belongs to a case run that matches every field given. */
export function isInScope(mismatch: CassetteMismatch, filter: Partial<CassetteScope>): boolean {
  const { scope } = mismatch;
  if (scope === undefined) return Object.keys(filter).length === 0;
  return Object.entries(filter).every(
    ([field, value]) => scope[field as keyof CassetteScope] === value,
  );
}

/** The error a case run ends with when some of its model requests were not in the cassette. */
export function cassetteMismatchError(options: {
  file: string;
  mismatches: readonly CassetteMismatch[];
}): InputError {
  const { file, mismatches } = options;
  const [first] = mismatches;
  const more = mismatches.length > 1 ? ` and ${mismatches.length - 1} more` : '';
  return new InputError({
    code: 'cassette_mismatch',
    message:
      `cassette mismatch: ${first ? describeMismatch(first) : 'a request'}${more} is not in ` +
      `${file}; the prompt, tools or model changed since it was recorded. Record it again ` +
      `with --record ${file}.`,
    details: { file, mismatches },
  });
}

/** A mismatch in one line, for error messages and the run's report. */
export function describeMismatch(mismatch: CassetteMismatch): string {
  const why = mismatch.reason === 'used_up' ? 'asked more often than recorded' : 'not recorded';
  const difference = mismatch.difference ? `; ${mismatch.difference}` : '';
  return `${mismatch.path} ${mismatch.request} [${mismatch.key}] (${why}${difference})`;
}

/** A request body in a line: its model, how many messages, and the last one. */
export function summarizeRequest(body: unknown): string {
  const request = asRecord(body);
  const messages = Array.isArray(request.messages) ? request.messages : [];
  const last = asRecord(messages.at(-1));
  const lastText = `${String(last.role ?? '?')}: ${excerpt(last.content)}`;
  return `model ${String(request.model ?? '?')}, ${messages.length} message(s), last ${lastText}`;
}

/**
 * Where a request differs from the closest of the recorded ones: the recorded request with
 * the same model sharing the most leading messages, compared field by field.
 */
export function closestDifference(body: unknown, recorded: readonly unknown[]): string | undefined {
  const request = asRecord(body);
  const candidates = recorded.filter((other) => asRecord(other).model === request.model);
  if (candidates.length === 0) return `no request to model ${String(request.model)} is recorded`;

  let best = candidates[0];
  let bestShared = -1;
  for (const candidate of candidates) {
    const shared = sharedLeadingMessages(request, asRecord(candidate));
    if (shared > bestShared) {
      best = candidate;
      bestShared = shared;
    }
  }
  const difference = firstDifference(best, body, '');
  return difference ? `closest recorded request differs at ${difference}` : undefined;
}

function sharedLeadingMessages(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const left = Array.isArray(a.messages) ? a.messages : [];
  const right = Array.isArray(b.messages) ? b.messages : [];
  let shared = 0;
  while (
    shared < Math.min(left.length, right.length) &&
    canonicalJson(left[shared]) === canonicalJson(right[shared])
  ) {
    shared += 1;
  }
  return shared;
}

/** The path of the first difference between two JSON values, with both sides excerpted. */
function firstDifference(recorded: unknown, now: unknown, path: string): string | undefined {
  if (canonicalJson(recorded) === canonicalJson(now)) return undefined;
  if (Array.isArray(recorded) && Array.isArray(now)) return arrayDifference(recorded, now, path);
  if (typeof recorded === 'string' && typeof now === 'string') {
    return stringDifference(recorded, now, path || '(body)');
  }
  if (!isPlainObject(recorded) || !isPlainObject(now)) {
    return `${path || '(body)'}: recorded ${excerpt(recorded)}, now ${excerpt(now)}`;
  }

  const fields = [...new Set([...Object.keys(recorded), ...Object.keys(now)])];
  for (const field of fields) {
    const found = firstDifference(recorded[field], now[field], path ? `${path}.${field}` : field);
    if (found) return found;
  }
  return undefined;
}

function arrayDifference(recorded: unknown[], now: unknown[], path: string): string | undefined {
  const shared = Math.min(recorded.length, now.length);
  for (let index = 0; index < shared; index += 1) {
    const found = firstDifference(recorded[index], now[index], `${path}[${index}]`);
    if (found) return found;
  }
  return `${path}: recorded ${recorded.length} item(s), now ${now.length}`;
}

/** Two texts from the first character where they part, e.g. a date inside a tool's output. */
function stringDifference(recorded: string, now: string, path: string): string {
  let index = 0;
  while (index < Math.min(recorded.length, now.length) && recorded[index] === now[index]) {
    index += 1;
  }
  const start = Math.max(0, index - CONTEXT_BEFORE);
  const from = start > 0 ? ` from character ${start}` : '';
  return (
    `${path}${from}: recorded ${excerpt(recorded.slice(start))}, ` +
    `now ${excerpt(now.slice(start))}`
  );
}

function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing');
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
