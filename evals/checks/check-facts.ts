import type { Fact } from '../suite-format.ts';
import { answerText } from './answer-text.ts';
import { containsNormalized } from './normalize-for-match.ts';
import { numbersIn, sameNumber } from './numbers-in-text.ts';
import type { CheckResult } from './turn-observation.ts';

/**
 * True when the text states the fact: a text fragment (normalised: full-width and half-width
 * agree), a number within its tolerance (70, 70%, 0.7, 百分之七十 and 七成 agree), or a
 * case-insensitive pattern.
 */
export function statesFact(text: string, fact: Fact): boolean {
  if ('text' in fact) return containsNormalized(text, fact.text);
  if ('pattern' in fact) return new RegExp(fact.pattern, 'iu').test(text.normalize('NFKC'));

  const expected = { value: fact.number, percent: false };
  return numbersIn(text).some((mention) => sameNumber(mention, expected, fact.tolerance));
}

/** Checks that the answer states every fact; undefined when the case lists none. */
export function checkFacts(
  facts: readonly Fact[] | undefined,
  answer: string,
): CheckResult | undefined {
  if (!facts?.length) return undefined;
  const text = answerText(answer);
  const missing = facts.filter((fact) => !statesFact(text, fact));
  return {
    check: 'facts',
    passed: missing.length === 0,
    detail:
      missing.length === 0
        ? `all ${facts.length} fact(s) stated`
        : `missing ${missing.map(describeFact).join(', ')}`,
  };
}

/** Checks that the answer states none of the facts; undefined when the case lists none. */
export function checkFactsAbsent(
  facts: readonly Fact[] | undefined,
  answer: string,
): CheckResult | undefined {
  if (!facts?.length) return undefined;
  const text = answerText(answer);
  const present = facts.filter((fact) => statesFact(text, fact));
  return {
    check: 'factsAbsent',
    passed: present.length === 0,
    detail:
      present.length === 0
        ? `none of ${facts.length} forbidden fact(s) stated`
        : `states ${present.map(describeFact).join(', ')}`,
  };
}

/** A fact in a few words, for check details. */
export function describeFact(fact: Fact): string {
  if ('text' in fact) return JSON.stringify(fact.text);
  if ('pattern' in fact) return `/${fact.pattern}/`;
  return fact.tolerance ? `${fact.number}±${fact.tolerance}` : String(fact.number);
}
