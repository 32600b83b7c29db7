import { returnedSourceIds } from '../checks/turn-evidence.ts';
import { citedSourceIds, type TurnObservation } from '../checks/turn-observation.ts';

/** Whether a turn's citations point at something real. */
export interface CitationValidity {
  /** [n] markers in the answer plus cited sources checked against the tool outputs. */
  checked: number;
  valid: number;
  /** valid / checked; 1 when the answer cites nothing. */
  share: number;
  /** Markers that point at no citation, and cited sources no tool returned. */
  invalid: string[];
}

/**
 * Citation validity of one turn: every [n] marker in the answer resolves to one of the
 * turn's citations, and every cited source was returned by a tool in that turn (checked
 * only when the runner saw the tools' outputs).
 */
export function citationValidity(observation: TurnObservation): CitationValidity {
  const { citations, text } = observation.result.message;
  const numbers = new Set(citations.map((citation) => citation.n));
  const markers = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))];
  const invalid = markers.filter((n) => !numbers.has(n)).map((n) => `[${n}]`);

  const returned = returnedSourceIds(observation);
  const cited = returned ? citedSourceIds(observation) : [];
  invalid.push(...cited.filter((sourceId) => !returned?.has(sourceId)));

  const checked = markers.length + cited.length;
  return {
    checked,
    valid: checked - invalid.length,
    share: checked === 0 ? 1 : (checked - invalid.length) / checked,
    invalid,
  };
}
