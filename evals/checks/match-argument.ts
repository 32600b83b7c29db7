import { isMatcherObject } from '../suite-format.ts';
import { containsNormalized, normalizeForMatch } from './normalize-for-match.ts';

/**
 * True when a tool-call argument satisfies a matcher: `{contains}` (normalised substring),
 * `{pattern}` (case-insensitive regex), `{oneOf}` (any of the values), or an exact value.
 * Strings compare after normalisation, so full-width and half-width forms agree.
 */
export function matchArgument(actual: unknown, matcher: unknown): boolean {
  if (isMatcherObject(matcher)) {
    if (typeof matcher.contains === 'string') {
      return typeof actual === 'string' && containsNormalized(actual, matcher.contains);
    }
    if (typeof matcher.pattern === 'string') {
      return typeof actual === 'string' && new RegExp(matcher.pattern, 'iu').test(actual);
    }
    if (Array.isArray(matcher.oneOf)) {
      return matcher.oneOf.some((value) => matchArgument(actual, value));
    }
  }
  return sameValue(actual, matcher);
}

/**
 * The names of the arguments that do not match, for a call and a record of matchers; empty
 * when every named argument matches.
 */
export function mismatchedArguments(actual: unknown, matchers: Record<string, unknown>): string[] {
  const values = (typeof actual === 'object' && actual !== null ? actual : {}) as Record<
    string,
    unknown
  >;
  return Object.entries(matchers)
    .filter(([name, matcher]) => !matchArgument(values[name], matcher))
    .map(([name]) => name);
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    return normalizeForMatch(actual) === normalizeForMatch(expected);
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((value, index) => sameValue(actual[index], value))
    );
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).every(([key, value]) => sameValue(record[key], value));
  }
  return actual === expected;
}
