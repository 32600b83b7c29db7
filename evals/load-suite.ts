import { readdir, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { InputError } from '../lib/errors.ts';
import { type EvalCase, evalCaseSchema } from './suite-format.ts';

/** A loaded suite: its name, the file it came from and its cases in file order. */
export interface EvalSuite {
  name: string;
  file: string;
  cases: EvalCase[];
}

/** One thing wrong with a suite file: where it is and what to fix. */
export interface SuiteProblem {
  line: number;
  /** The case's id, when the line has one. */
  caseId?: string;
  field: string;
  problem: string;
}

const BUNDLED_FOLDER = fileURLToPath(new URL('./suites/', import.meta.url));
const SUITE_EXTENSION = '.jsonl';

/** The names of the suites shipped under evals/suites, sorted. */
export async function bundledSuiteNames(): Promise<string[]> {
  const files = await readdir(BUNDLED_FOLDER);
  return files
    .filter((file) => file.endsWith(SUITE_EXTENSION))
    .map((file) => basename(file, SUITE_EXTENSION))
    .sort();
}

/**
 * Loads a suite from a `.jsonl` path, or a bundled suite by its name (`policy-lookup`).
 * A malformed suite throws an InputError `invalid_suite` listing every problem; no case of
 * it is returned.
 */
export async function loadSuite(nameOrPath: string): Promise<EvalSuite> {
  const file = await resolveSuiteFile(nameOrPath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError({
      code: 'suite_not_found',
      message: `Cannot read the suite file ${file}; check the path.`,
      cause: error,
      details: { file },
    });
  }
  return { name: basename(file, extname(file)), file, cases: parseSuite({ text, file }) };
}

/** Parses and validates JSONL suite text already read; `file` only names it in errors. */
export function parseSuite(options: { text: string; file: string }): EvalCase[] {
  const { text, file } = options;
  const cases: EvalCase[] = [];
  const problems: SuiteProblem[] = [];
  const seen = new Map<string, number>();

  text.split('\n').forEach((content, index) => {
    if (content.trim() === '') return;
    const line = index + 1;
    const parsed = parseLine(content, line);
    if ('problems' in parsed) {
      problems.push(...parsed.problems);
      return;
    }

    const earlier = seen.get(parsed.evalCase.id);
    if (earlier !== undefined) {
      const problem = `repeats the id of line ${earlier}`;
      problems.push({ line, caseId: parsed.evalCase.id, field: 'id', problem });
      return;
    }
    seen.set(parsed.evalCase.id, line);
    cases.push(parsed.evalCase);
  });

  if (problems.length === 0 && cases.length === 0) {
    problems.push({ line: 1, field: '(file)', problem: 'holds no cases' });
  }
  if (problems.length > 0) throw suiteError(file, problems);
  return cases;
}

async function resolveSuiteFile(nameOrPath: string): Promise<string> {
  const isPath = nameOrPath.includes('/') || nameOrPath.endsWith(SUITE_EXTENSION);
  if (isPath) return nameOrPath;

  const names = await bundledSuiteNames();
  if (!names.includes(nameOrPath)) {
    throw new InputError({
      code: 'unknown_suite',
      message:
        `There is no bundled suite "${nameOrPath}"; use one of ${names.join(', ')}, ` +
        'or give the path of a .jsonl file.',
      details: { suite: nameOrPath, bundled: names },
    });
  }
  return `${BUNDLED_FOLDER}${nameOrPath}${SUITE_EXTENSION}`;
}

function parseLine(
  content: string,
  line: number,
): { evalCase: EvalCase } | { problems: SuiteProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return { problems: [{ line, field: '(line)', problem: 'is not valid JSON' }] };
  }

  const parsed = evalCaseSchema.safeParse(value);
  if (parsed.success) return { evalCase: parsed.data };

  const caseId = idOf(value);
  const problems = parsed.error.issues.flatMap(meantIssues).map((issue) => ({
    line,
    ...(caseId ? { caseId } : {}),
    ...describeIssue(issue),
  }));
  return { problems };
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * For a value that matched no option of a union, the issues of the one option of the right
 * type, if only one is, so `{"text": …, "expect": {"rubric": ""}}` as a turn is reported at
 * `expect.rubric` rather than as an invalid turn; other issues as they are.
 */
function meantIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const ofRightType = issue.errors.filter(
    (issues) => !issues.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
  );
  const [meant] = ofRightType;
  if (ofRightType.length !== 1 || meant === undefined) return [issue];
  return meant.flatMap((inner) => meantIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}

function describeIssue(issue: z.core.$ZodIssue): { field: string; problem: string } {
  const field = issue.path.length ? fieldName(issue.path) : '(case)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${field}.` : '';
    return {
      field: issue.keys.map((key) => `${where}${key}`).join(', '),
      problem: 'is not a known field',
    };
  }
  return { field, problem: issue.message };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      return index === 0 ? String(part) : `.${String(part)}`;
    })
    .join('');
}

function suiteError(file: string, problems: SuiteProblem[]): InputError {
  const [first] = problems;
  const where = first ? `line ${first.line}${first.caseId ? ` (${first.caseId})` : ''}` : '';
  const more = problems.length > 1 ? ` and ${problems.length - 1} more problem(s)` : '';
  return new InputError({
    code: 'invalid_suite',
    message:
      `${file}: ${where}: ${first?.field} ${first?.problem}${more}; ` +
      'fix the suite file, nothing was run.',
    details: { file, problems },
  });
}
