import { parseArgs } from 'node:util';
import { InputError } from '../../lib/errors.ts';
import { GATEABLE_METRICS } from './comparison-metrics.ts';

/** The options of `npm run eval:compare`. */
export interface CompareCliOptions {
  /** Run A, the base: a `--json` file or a stored run id. */
  base: string;
  /** Run B, compared against A. */
  head: string;
  /** Largest drop of a gated metric allowed, as a share (0.02 is two points). */
  tolerance: number;
  /** The gated metrics' names. */
  gated: string[];
}

/** How to call the comparison, for error messages. */
export const COMPARE_USAGE =
  'npm run eval:compare -- <run A: file.json|run id> <run B: file.json|run id> ' +
  '[--tolerance 0.02] [--gate passRate[,metric...]]';

/**
 * Parses the command line of `npm run eval:compare`. Throws an InputError `invalid_options`
 * that says what to fix.
 */
export function parseCompareOptions(args: readonly string[]): CompareCliOptions {
  const { values, positionals } = parseValues(args);
  if (positionals.length !== 2) {
    throw optionsError(`Name two runs to compare, not ${positionals.length}.`);
  }

  const [base = '', head = ''] = positionals;
  return {
    base,
    head,
    tolerance: toleranceOf(values.tolerance),
    gated: gatedMetrics(values.gate ?? []),
  };
}

function parseValues(args: readonly string[]): {
  values: { tolerance?: string | undefined; gate?: string[] | undefined };
  positionals: string[];
} {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { tolerance: { type: 'string' }, gate: { type: 'string', multiple: true } },
    });
  } catch (error) {
    throw optionsError(error instanceof Error ? error.message : String(error));
  }
}

function toleranceOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw optionsError(
      `--tolerance must be a share between 0 and 1 (0.02 for 2 points), not "${text}".`,
    );
  }
  return value;
}

function gatedMetrics(requested: readonly string[]): string[] {
  const names = requested.flatMap((text) => text.split(',')).map((name) => name.trim());
  if (names.length === 0) return ['passRate'];

  const unknown = names.filter((name) => !GATEABLE_METRICS.includes(name));
  if (unknown.length > 0) {
    const named = unknown.map((name) => `"${name}"`).join(', ');
    throw optionsError(`--gate takes ${GATEABLE_METRICS.join(', ')}; not ${named}.`);
  }
  return [...new Set(names)];
}

function optionsError(problem: string): InputError {
  return new InputError({
    code: 'invalid_options',
    message: `${problem} Usage: ${COMPARE_USAGE}`,
  });
}
