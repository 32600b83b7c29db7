import type { Expectation } from '../suite-format.ts';
import { type CheckResult, citedSourceIds, type TurnObservation } from './turn-observation.ts';

/**
 * Checks that the answer cites every required source id and none of the forbidden ones;
 * undefined when the case names neither.
 */
export function checkCitations(
  expectation: Pick<Expectation, 'citesSources' | 'sourcesNotCited'>,
  observation: TurnObservation,
): CheckResult | undefined {
  const required = expectation.citesSources ?? [];
  const forbidden = expectation.sourcesNotCited ?? [];
  if (required.length === 0 && forbidden.length === 0) return undefined;

  const cited = citedSourceIds(observation);
  const missing = required.filter((sourceId) => !cited.includes(sourceId));
  const leaked = forbidden.filter((sourceId) => cited.includes(sourceId));
  const problems = [
    ...(missing.length ? [`does not cite ${missing.join(', ')}`] : []),
    ...(leaked.length ? [`cites ${leaked.join(', ')}, which it must not`] : []),
  ];
  return {
    check: 'citations',
    passed: problems.length === 0,
    detail: [...problems, `cited: ${cited.join(', ') || 'none'}`].join('; '),
  };
}
