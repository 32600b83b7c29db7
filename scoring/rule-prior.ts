import { type FeatureRecord, parseBoolean, parseNumber } from './cell-values.ts';
import type { SignalFeature } from './lead-features.ts';
import type { ExplainedScore } from './trained-model.ts';

/** One signal's weight in the rule prior, in log-odds per unit, capped. */
export interface RuleWeight {
  feature: SignalFeature;
  /** Log-odds added per unit of the feature (per visit, per reply, for an open tender). */
  weight: number;
  /** Units beyond this add nothing. */
  cap?: number;
  /** `speed`: +1 when first contact came within a day, -1 when after three days. */
  measure?: 'count' | 'speed' | 'level';
  /** For `level`: a unit count per category. */
  levels?: Record<string, number>;
}

// Limitation: the prior's weights are hand-set, not calibrated to a tenant's base rate.
/** Log-odds of a lead with no signal at all: about 8%. */
export const RULE_PRIOR_BASE = -2.45;

/**
 * The transparent prior used until a tenant has enough history to train on: a weight
 * per signal that a manager can read and multiply.
 */
export const RULE_PRIOR_WEIGHTS: readonly RuleWeight[] = [
  { feature: 'web_visits', weight: 0.25, cap: 6 },
  { feature: 'pages_viewed', weight: 0.03, cap: 20 },
  { feature: 'dwell_minutes', weight: 0.02, cap: 30 },
  { feature: 'email_opens', weight: 0.1, cap: 5 },
  { feature: 'positive_replies', weight: 0.6, cap: 3 },
  { feature: 'neutral_replies', weight: 0.2, cap: 3 },
  { feature: 'negative_replies', weight: -0.5, cap: 3 },
  { feature: 'downloads', weight: 0.3, cap: 3 },
  { feature: 'meetings', weight: 0.5, cap: 3 },
  { feature: 'calls', weight: 0.1, cap: 5 },
  { feature: 'tender_open', weight: 1 },
  { feature: 'tender_recency', weight: 0.4 },
  { feature: 'funding_recency', weight: 0.6 },
  { feature: 'registry_recency', weight: 0.3 },
  { feature: 'patent_recency', weight: 0.2 },
  { feature: 'hours_to_first_contact', weight: 0.3, measure: 'speed' },
  {
    feature: 'size_band',
    weight: 0.2,
    measure: 'level',
    levels: { enterprise: 1.5, large: 1, medium: 0, small: -1 },
  },
];

/** Scores a lead's features with the rule prior, broken down by signal. */
export function explainWithRules(record: FeatureRecord): ExplainedScore {
  const contributions = RULE_PRIOR_WEIGHTS.map((rule) => ({
    feature: rule.feature,
    value: record[rule.feature] ?? null,
    logOdds: rule.weight * units(rule, record[rule.feature]),
  }));
  return { base: RULE_PRIOR_BASE, contributions };
}

function units(rule: RuleWeight, value: FeatureRecord[string]): number {
  if (rule.measure === 'level') return rule.levels?.[String(value)] ?? 0;
  if (rule.measure === 'speed') {
    const hours = parseNumber(value);
    if (hours === null) return 0;
    return hours <= 24 ? 1 : hours > 72 ? -1 : 0;
  }
  const flag = typeof value === 'boolean' ? value : null;
  const amount =
    flag !== null ? Number(flag) : (parseNumber(value) ?? Number(parseBoolean(value) ?? 0));
  return Math.min(amount, rule.cap ?? Number.POSITIVE_INFINITY);
}
