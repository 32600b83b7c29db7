import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../../lib/errors.ts';

const questionSchema = z.strictObject({
  id: z.string().regex(/^r-\d{3,}$/, 'must look like r-001'),
  language: z.enum(['zh', 'en'], { error: 'must be zh or en' }),
  query: z.string().trim().min(1, 'must not be empty'),
  relevant: z
    .array(z.string().min(1, 'must not be empty'))
    .min(1, 'must name at least one source id'),
  /** The answer is written in the other language than the question. */
  crossLingual: z.boolean().optional(),
  note: z.string().optional(),
});

/** One labelled retrieval question: a query and the source ids that truly answer it. */
export type RetrievalQuestion = z.output<typeof questionSchema>;

/**
 * Reads a JSONL file of labelled questions, one object a line; blank lines are skipped.
 * Throws an InputError naming the file, line and field of the first problem.
 */
export async function loadQuestions(file: string): Promise<RetrievalQuestion[]> {
  const text = await readFile(file, 'utf8');
  return parseQuestions(text, file);
}

/** Parses and validates JSONL text already read; `file` only names it in errors. */
export function parseQuestions(text: string, file: string): RetrievalQuestion[] {
  const questions: RetrievalQuestion[] = [];
  const seen = new Map<string, number>();

  text.split('\n').forEach((content, index) => {
    if (content.trim() === '') return;
    const line = index + 1;
    const question = parseLine({ content, file, line });

    const earlier = seen.get(question.id);
    if (earlier !== undefined) {
      throw lineError({ file, line, field: 'id', problem: `repeats the id of line ${earlier}` });
    }
    seen.set(question.id, line);
    questions.push(question);
  });
  return questions;
}

/** Throws an InputError naming the first question whose labels cite an unknown source id. */
export function checkSourceIds(
  questions: readonly RetrievalQuestion[],
  knownSourceIds: ReadonlySet<string>,
): void {
  for (const question of questions) {
    const unknown = question.relevant.find((sourceId) => !knownSourceIds.has(sourceId));
    if (unknown === undefined) continue;
    throw new InputError({
      code: 'unknown_eval_source',
      message:
        `Question ${question.id} labels "${unknown}", which is not a source id of the ` +
        'knowledge base; correct the label.',
      details: { id: question.id, sourceId: unknown },
    });
  }
}

function parseLine(options: { content: string; file: string; line: number }): RetrievalQuestion {
  const { content, file, line } = options;
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (error) {
    throw lineError({ file, line, field: '(line)', problem: 'is not valid JSON', cause: error });
  }

  const parsed = questionSchema.safeParse(value);
  if (!parsed.success) {
    throw lineError({ file, line, ...describeIssue(parsed.error.issues[0]) });
  }
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue | undefined): { field: string; problem: string } {
  if (issue?.code === 'unrecognized_keys') {
    return { field: issue.keys.join(', '), problem: 'is not a known field' };
  }
  const field = issue?.path.length ? fieldName(issue.path) : '(line)';
  return { field, problem: issue?.message ?? 'is invalid' };
}

function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      return index === 0 ? String(part) : `.${String(part)}`;
    })
    .join('');
}

function lineError(options: {
  file: string;
  line: number;
  field: string;
  problem: string;
  cause?: unknown;
}): InputError {
  const { file, line, field, problem } = options;
  return new InputError({
    code: 'invalid_eval_question',
    message: `${file}:${line}: ${field} ${problem}; fix that line of the questions file.`,
    cause: options.cause,
    details: { file, line, field },
  });
}
