/**
 * The format of an eval suite: a `.jsonl` file with one case a line. A case names who asks
 * (a demo caller), what they say over one or more turns, and what the answer must show.
 */
import { z } from 'zod';

/** The demo callers a case may speak as: the demo tenant's API keys. */
export const DEMO_CALLERS = [
  'dw_demo_rep',
  'dw_demo_manager',
  'dw_demo_admin',
  'dw_demo_customer',
] as const;

/** One of the demo tenant's API keys. */
export type DemoCaller = (typeof DEMO_CALLERS)[number];

const text = z.string().trim().min(1, 'must not be empty');

const pattern = z.string().refine(isValidRegex, 'must be a valid regular expression');

const specialMatcherSchema = z.union(
  [
    z.strictObject({ contains: text }),
    z.strictObject({ pattern }),
    z.strictObject({ oneOf: z.array(z.unknown()).min(1, 'must list at least one value') }),
  ],
  { error: 'must be {"contains": text}, {"pattern": regex} or {"oneOf": [values]}' },
);

const MATCHER_KEYS = ['contains', 'pattern', 'oneOf'];

/**
 * An argument matcher: `{"contains": text}`, `{"pattern": regex}`, `{"oneOf": [values]}`, or
 * any other JSON value, which must equal the argument exactly.
 */
export const argumentMatcherSchema = z.unknown().superRefine((value, context) => {
  if (!isMatcherObject(value)) return;
  const parsed = specialMatcherSchema.safeParse(value);
  for (const issue of parsed.error?.issues ?? []) {
    context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
});

/** True for an object written as a matcher (it has a `contains`, `pattern` or `oneOf` key). */
export function isMatcherObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.keys(value).some((key) => MATCHER_KEYS.includes(key));
}

const toolName = z.string().regex(/^[a-z][a-z_]*$/, 'must be a snake_case tool name');

const toolCallExpectationSchema = z.strictObject({
  name: toolName,
  /** Each argument named here must match; arguments not named are not checked. */
  args: z.record(z.string(), argumentMatcherSchema).optional(),
});

/** A tool that must be called, with matchers for some of its arguments. */
export type ToolCallExpectation = z.output<typeof toolCallExpectationSchema>;

/** A fact the answer must state: a text, a number (with tolerance) or a pattern. */
export const factSchema = z.union([
  z.strictObject({ text }),
  z.strictObject({
    number: z.number(),
    tolerance: z.number().nonnegative('must be zero or more').optional(),
  }),
  z.strictObject({ pattern }),
]);

/** A fact the answer must (or must not) state. */
export type Fact = z.output<typeof factSchema>;

/** What the answer to one turn must show; every field is optional. */
export const expectationSchema = z.strictObject({
  toolsCalled: z.array(toolCallExpectationSchema).optional(),
  toolsNotCalled: z.array(toolName).optional(),
  facts: z.array(factSchema).optional(),
  /** Facts that must not appear, e.g. an internal floor price shown to a customer. */
  factsAbsent: z.array(factSchema).optional(),
  /** Knowledge source ids (e.g. `playbook/tender-response`) the answer must cite. */
  citesSources: z.array(text).optional(),
  /** Knowledge source ids the answer must not cite, e.g. internal documents for a customer. */
  sourcesNotCited: z.array(text).optional(),
  mustRefuse: z.boolean().optional(),
  mustSayUnknown: z.boolean().optional(),
  maxSteps: z.number().int().positive('must be a positive integer').optional(),
  maxLatencyMs: z.number().positive('must be positive').optional(),
  maxTokens: z.number().int().positive('must be a positive integer').optional(),
  /** What an optional LLM judge grades the answer on; deterministic checks ignore it. */
  rubric: text.optional(),
});

/** What the answer to one turn must show. */
export type Expectation = z.output<typeof expectationSchema>;

const turnSchema = z.union([text, z.strictObject({ text, expect: expectationSchema.optional() })]);

/** A user message of a case, with its own expectations when it carries some. */
export type CaseTurn = z.output<typeof turnSchema>;

/** One eval case: who asks, what they say, and what the answer must show. */
export const evalCaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  description: z.string().optional(),
  persona: z
    .enum(['rep', 'manager', 'customer'], { error: 'must be rep, manager or customer' })
    .optional(),
  caller: z.enum(DEMO_CALLERS, { error: `must be one of ${DEMO_CALLERS.join(', ')}` }),
  turns: z.array(turnSchema).min(1, 'must hold at least one user message'),
  /** Expectations of the last turn. */
  expect: expectationSchema,
});

/** One eval case, validated. */
export type EvalCase = z.output<typeof evalCaseSchema>;

/** A turn's message and the expectations that apply to it, if any. */
export interface PlannedTurn {
  text: string;
  expect: Expectation | undefined;
}

/**
 * The turns of a case with the expectations each is checked against: its own, and for the
 * last turn the case's `expect` merged over them.
 */
export function plannedTurns(evalCase: EvalCase): PlannedTurn[] {
  const last = evalCase.turns.length - 1;
  return evalCase.turns.map((turn, index) => {
    const own = typeof turn === 'string' ? undefined : turn.expect;
    const message = typeof turn === 'string' ? turn : turn.text;
    if (index !== last) return { text: message, expect: own };
    return { text: message, expect: { ...own, ...evalCase.expect } };
  });
}

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}
