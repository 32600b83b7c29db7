import { createHash } from 'node:crypto';

/**
 * Top-level request fields that differ between runs without changing the answer, or that
 * identify the caller; they are neither matched nor written to a cassette.
 */
const VOLATILE_FIELDS = new Set([
  'user',
  'metadata',
  'prompt_cache_key',
  'safety_identifier',
  'store',
]);

/** Fields that may carry a credential, at any depth; their values are never kept. */
const SECRET_FIELDS = new Set(['api_key', 'apikey', 'authorization', 'password', 'secret']);

// Limitation: every UUID is masked alike, so a request differing only in which ids it names matches.
/**
 * Values that are random by design. Knowledge documents and chunks get random ids when the
 * demo tenant is seeded, and tools quote them; a write tool's confirmation token carries a
 * nonce. Either would make the same request read differently on every run.
 */
const VOLATILE_PATTERNS: readonly [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '[uuid]'],
  [/\bv1\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, 'v1.[confirmation-token]'],
];

const REDACTED = '[redacted]';

/**
 * A request body as a cassette keeps and matches it: parsed JSON with volatile fields
 * dropped, credentials redacted and random tokens masked; text that is not JSON as is.
 */
export function normalizeRequestBody(text: string): unknown {
  if (text === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return maskVolatile(text);
  }
  if (isRecord(parsed)) {
    const kept = Object.entries(parsed).filter(([field]) => !VOLATILE_FIELDS.has(field));
    parsed = Object.fromEntries(kept);
  }
  return scrub(parsed);
}

/** The stable key of a request: a hash of its method and normalized body, keys sorted. */
export function requestKey(options: { method: string; body: unknown }): string {
  const text = `${options.method.toUpperCase()} ${canonicalJson(options.body)}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every depth, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return maskVolatile(value);
  if (Array.isArray(value)) return value.map(scrub);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, inner]) => [
      field,
      SECRET_FIELDS.has(field.toLowerCase()) ? REDACTED : scrub(inner),
    ]),
  );
}

function maskVolatile(text: string): string {
  return VOLATILE_PATTERNS.reduce((masked, [pattern, mask]) => masked.replace(pattern, mask), text);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const fields = Object.keys(value).sort();
  return Object.fromEntries(fields.map((field) => [field, sortKeys(value[field])]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
