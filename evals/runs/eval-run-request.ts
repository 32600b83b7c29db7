import { z } from 'zod';
import { InputError } from '../../lib/errors.ts';
import { bundledSuiteNames, parseSuite } from '../load-suite.ts';

/** Most case runs (cases times repeats) an uploaded suite may ask for. */
export const MAX_UPLOADED_CASE_RUNS = 1_000;

/**
 * The body of `POST /v1/evals/runs`: bundled suites by name (`all` for every one) or one
 * uploaded suite as JSONL text, and how often to run each case.
 */
export const evalRunRequestSchema = z
  .strictObject({
    suites: z
      .array(z.string().trim().min(1, 'must not be empty'))
      .min(1, 'must name at least one suite')
      .max(20, 'may name at most 20 suites')
      .optional(),
    suite: z
      .strictObject({
        name: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(80, 'must be 80 characters or less'),
        jsonl: z
          .string()
          .min(1, 'must hold at least one case')
          .max(1_000_000, 'must be under a million characters'),
      })
      .optional(),
    repeat: z.number().int().min(1).max(10).default(1),
    concurrency: z.number().int().min(1).max(4).default(2),
  })
  .refine((request) => (request.suites === undefined) !== (request.suite === undefined), {
    message: 'name bundled suites in "suites" or upload one in "suite", one of the two',
  });

/** A validated request to start an eval run. */
export type EvalRunRequest = z.output<typeof evalRunRequestSchema>;

/** A request resolved to what is stored: suite names, an upload's text, and the options. */
export interface ResolvedEvalRun {
  suites: string[];
  uploadedSuite: string | null;
  options: { repeat: number; concurrency: number };
}

/**
 * Checks a request against what can run before anything is stored: bundled names must
 * exist, and an uploaded suite must parse. Throws an InputError (`unknown_suite`,
 * `invalid_suite` naming the line, case and field, or `too_many_case_runs`).
 */
export async function resolveEvalRunRequest(request: EvalRunRequest): Promise<ResolvedEvalRun> {
  const options = { repeat: request.repeat, concurrency: request.concurrency };
  if (request.suite) {
    const { name, jsonl } = request.suite;
    const cases = parseSuite({ text: jsonl, file: `uploaded suite "${name}"` });
    assertWithinLimit(cases.length * request.repeat);
    return { suites: [name], uploadedSuite: jsonl, options };
  }
  return { suites: await bundledNames(request.suites ?? []), uploadedSuite: null, options };
}

async function bundledNames(requested: readonly string[]): Promise<string[]> {
  const bundled = await bundledSuiteNames();
  const unknown = requested.filter((name) => name !== 'all' && !bundled.includes(name));
  if (unknown.length > 0) {
    throw new InputError({
      code: 'unknown_suite',
      message:
        `There is no bundled suite ${unknown.map((name) => `"${name}"`).join(', ')}; use ` +
        `${bundled.join(', ')} or all, or upload a suite in "suite".`,
      details: { unknown, bundled },
    });
  }
  return requested.includes('all') ? bundled : [...new Set(requested)];
}

function assertWithinLimit(caseRuns: number): void {
  if (caseRuns <= MAX_UPLOADED_CASE_RUNS) return;
  throw new InputError({
    code: 'too_many_case_runs',
    message:
      `The uploaded suite asks for ${caseRuns} case runs (cases times repeat); at most ` +
      `${MAX_UPLOADED_CASE_RUNS} run in one request. Split the suite or lower "repeat".`,
    details: { caseRuns, limit: MAX_UPLOADED_CASE_RUNS },
  });
}
