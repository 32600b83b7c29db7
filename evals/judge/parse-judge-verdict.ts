import { ModelError } from '../../lib/errors.ts';

/** What the judge said about one answer. */
export interface JudgeVerdict {
  passed: boolean;
  /** From 0 to 1; null when the judge gave no usable score. */
  score: number | null;
  reasoning: string;
}

const PASS_WORDS = new Set(['pass', 'passed', 'true', 'yes', '通过']);
const FAIL_WORDS = new Set(['fail', 'failed', 'false', 'no', '不通过', '未通过']);
const EXCERPT_LENGTH = 120;

/**
 * Reads the judge's reply defensively: the first JSON object in it (code fences and prose
 * around it are ignored), `pass` as a boolean or a word (or `verdict`/`passed`), `score` on a
 * 0–1, 0–10 or 0–100 scale, `reasoning` (or `reason`/`explanation`). Throws a ModelError
 * `judge_unparseable` when there is no object or no pass/fail in it.
 */
export function parseJudgeVerdict(reply: string): JudgeVerdict {
  const object = firstJsonObject(reply);
  if (object === undefined) throw unparseable(reply, 'no JSON object');

  const passed = passOf(object.pass ?? object.passed ?? object.verdict ?? object.result);
  if (passed === undefined) throw unparseable(reply, 'no pass or fail');
  const reasoning = object.reasoning ?? object.reason ?? object.explanation ?? '';
  return {
    passed,
    score: scoreOf(object.score),
    reasoning: typeof reasoning === 'string' ? reasoning.trim() : JSON.stringify(reasoning),
  };
}

/** The first balanced `{…}` in the text that parses as a JSON object. */
function firstJsonObject(text: string): Record<string, unknown> | undefined {
  for (let start = text.indexOf('{'); start !== -1; start = text.indexOf('{', start + 1)) {
    const end = matchingBrace(text, start);
    if (end === undefined) continue;
    try {
      const value: unknown = JSON.parse(text.slice(start, end + 1));
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        return value as Record<string, unknown>;
      }
    } catch {
      // Not JSON from this brace; try the next one.
    }
  }
  return undefined;
}

/** Where the brace opened at `start` closes, skipping braces inside strings. */
function matchingBrace(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
    } else if (character === '"') inString = true;
    else if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) return index;
    }
  }
  return undefined;
}

function passOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (PASS_WORDS.has(word)) return true;
  if (FAIL_WORDS.has(word)) return false;
  return undefined;
}

function scoreOf(value: unknown): number | null {
  const score = typeof value === 'string' ? Number.parseFloat(value) : value;
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0) return null;
  if (score <= 1) return score;
  if (score <= 10) return score / 10;
  if (score <= 100) return score / 100;
  return null;
}

function unparseable(reply: string, problem: string): ModelError {
  const flat = reply.replace(/\s+/g, ' ').trim();
  const excerpt = flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
  return new ModelError({
    code: 'judge_unparseable',
    message:
      `The judge's reply is not a verdict (${problem}): "${excerpt}"; use a model that ` +
      'follows instructions to answer in JSON with --judge.',
  });
}
