import { parseArgs } from 'node:util';
import { InputError } from '../lib/errors.ts';
import { bundledSuiteNames } from './load-suite.ts';

/** The options of `npm run eval`. */
export interface EvalOptions {
  /** Suite names or `.jsonl` paths, in the order given; `all` already expanded. */
  suites: string[];
  repeat: number;
  concurrency: number;
  /** Where to write the full run as JSON. */
  json: string | undefined;
  /** Where to write the run's self-contained HTML report. */
  html: string | undefined;
  /** A baseline file: exit 1 when a suite's pass rate falls below it. */
  gate: string | undefined;
  /** A model of the configured endpoint to run on, or `offline`; default the configured one. */
  model: string | undefined;
  /** A cassette file to save every model request and response of the run to. */
  record: string | undefined;
  /** A cassette file to serve the model's responses from, without the network. */
  replay: string | undefined;
  /** A model of the configured endpoint that grades the cases that have a rubric. */
  judge: string | undefined;
}

/** How to call the eval runner, for error messages. */
export const EVAL_USAGE =
  'npm run eval -- --suite <name|path|all> [--suite ...] [--repeat k] [--concurrency n] ' +
  '[--json <file>] [--html <file>] [--gate <baseline.json>] [--model <name|offline>] ' +
  '[--record <cassette.json> | --replay <cassette.json>] [--judge <model>]';

/**
 * Parses the command line of `npm run eval`; `--suite all` stands for every bundled suite.
 * Throws an InputError `invalid_options` that says what to fix.
 */
export async function parseEvalOptions(args: readonly string[]): Promise<EvalOptions> {
  const values = parseValues(args);
  const requested = values.suite ?? [];
  if (requested.length === 0) throw optionsError('Name at least one suite with --suite.');
  if (values.record !== undefined && values.replay !== undefined) {
    throw optionsError('Use --record or --replay, not both.');
  }

  const suites = requested.includes('all')
    ? [...new Set([...(await bundledSuiteNames()), ...requested.filter((s) => s !== 'all')])]
    : [...new Set(requested)];
  return {
    suites,
    repeat: positiveInteger('--repeat', values.repeat, 1),
    concurrency: positiveInteger('--concurrency', values.concurrency, 2),
    json: values.json,
    html: nonEmpty('--html', values.html),
    gate: values.gate,
    model: nonEmpty('--model', values.model),
    record: nonEmpty('--record', values.record),
    replay: nonEmpty('--replay', values.replay),
    judge: nonEmpty('--judge', values.judge),
  };
}

function parseValues(args: readonly string[]): {
  suite?: string[] | undefined;
  repeat?: string | undefined;
  concurrency?: string | undefined;
  json?: string | undefined;
  html?: string | undefined;
  gate?: string | undefined;
  model?: string | undefined;
  record?: string | undefined;
  replay?: string | undefined;
  judge?: string | undefined;
} {
  try {
    const { values } = parseArgs({
      args: [...args],
      options: {
        suite: { type: 'string', multiple: true },
        repeat: { type: 'string' },
        concurrency: { type: 'string' },
        json: { type: 'string' },
        html: { type: 'string' },
        gate: { type: 'string' },
        model: { type: 'string' },
        record: { type: 'string' },
        replay: { type: 'string' },
        judge: { type: 'string' },
      },
    });
    return values;
  } catch (error) {
    throw optionsError(error instanceof Error ? error.message : String(error));
  }
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw optionsError(`${name} must be a positive integer, not "${text}".`);
  }
  return value;
}

function nonEmpty(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw optionsError(`${name} needs a value.`);
  return text.trim();
}

function optionsError(problem: string): InputError {
  return new InputError({
    code: 'invalid_options',
    message: `${problem.replace(/[^.]$/, '$&.')} Usage: ${EVAL_USAGE}`,
  });
}
