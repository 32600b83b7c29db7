/** How often a yes/no behaviour (refusing, saying "I don't know") matched the case. */
export interface LabelCorrectness {
  cases: number;
  correct: number;
  /** correct / cases; null with no labelled cases. */
  accuracy: number | null;
  /** Did it when it should not have: over-refusal, a needless "I don't know". */
  falsePositives: number;
  /** Failed to when it should have: a leak, a guess. */
  falseNegatives: number;
}

/**
 * Correctness of a yes/no behaviour over the cases that label it, e.g. refusal correctness
 * from `mustRefuse` and whether the turn refused.
 */
export function labelCorrectness(
  labels: readonly { expected: boolean; actual: boolean }[],
): LabelCorrectness {
  const correct = labels.filter((label) => label.expected === label.actual).length;
  return {
    cases: labels.length,
    correct,
    accuracy: labels.length === 0 ? null : correct / labels.length,
    falsePositives: labels.filter((label) => label.actual && !label.expected).length,
    falseNegatives: labels.filter((label) => !label.actual && label.expected).length,
  };
}
