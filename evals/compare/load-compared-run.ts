import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../lib/errors.ts';
import type { SuiteRun } from '../run-suite.ts';

/** A run to compare: what it was named on the command line and its suites' results. */
export interface ComparedRun {
  reference: string;
  suites: SuiteRun[];
}

/** Finds a stored run's suites by its id; throws when there is none or it is not done. */
export type LoadRunById = (id: string) => Promise<SuiteRun[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Just enough of a suite run to compare; the rest is kept as it is. */
const suiteRunSchema = z.looseObject({
  suite: z.looseObject({ name: z.string() }),
  summary: z.looseObject({ passRate: z.number() }),
  runs: z.array(
    z.looseObject({
      caseId: z.string(),
      repeat: z.number(),
      status: z.enum(['passed', 'failed', 'error']),
    }),
  ),
});

/** What `--json` writes, and also what `GET /v1/evals/runs/:id` answers. */
const runFileSchema = z.looseObject({
  status: z.string().optional(),
  suites: z.array(suiteRunSchema),
});

/**
 * Loads a run from a file written by `npm run eval -- --json` (or saved from the API), or,
 * for a run id, from the eval run database. Throws an InputError that says what is wrong.
 */
export async function loadComparedRun(
  reference: string,
  options: { loadById: LoadRunById },
): Promise<ComparedRun> {
  if (UUID.test(reference)) return { reference, suites: await options.loadById(reference) };
  return { reference, suites: parseRunFile(reference, await readRunFile(reference)) };
}

async function readRunFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({
      code: 'run_not_found',
      message: `Cannot read ${file}; give a file written by npm run eval -- --json, or a run id.`,
      cause: error,
    });
  }
}

function parseRunFile(file: string, text: string): SuiteRun[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidFile(file, 'it is not valid JSON', error);
  }

  const parsed = runFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : '(file)';
    throw invalidFile(file, `${where} ${issue?.message ?? 'is invalid'}`);
  }
  if (parsed.data.status !== undefined && parsed.data.status !== 'done') {
    throw invalidFile(file, `the run is ${parsed.data.status}, not done`);
  }
  return parsed.data.suites as unknown as SuiteRun[];
}

function invalidFile(file: string, problem: string, cause?: unknown): InputError {
  return new InputError({
    code: 'invalid_run_file',
    message: `${file} is not an eval run: ${problem}. Compare files written by --json.`,
    cause,
  });
}
