import { and, eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { visiblePipeline } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { leads } from '../db/schema/index.ts';
import { ForbiddenError, InputError, NotFoundError } from '../lib/errors.ts';
import { leadFeatures } from './lead-features.ts';
import { type LeadHistory, loadLeadHistories } from './lead-history.ts';
import {
  type LeadScore,
  loadActiveAdjustments,
  loadActiveScorer,
  scoreLeadFeatures,
} from './lead-scorer.ts';

export interface ScoreLeadOptions {
  /** The moment to score at; defaults to the current time. */
  now?: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Scores one lead the caller may see, with its top reasons and the records behind
 * them. Reps see their own leads, managers their team's, admins all; customers none.
 */
export async function scoreLead(
  db: Database,
  caller: Caller,
  leadId: string,
  options: ScoreLeadOptions = {},
): Promise<LeadScore> {
  assertMayScore(caller);
  if (!UUID.test(leadId)) {
    throw new InputError({
      code: 'invalid_lead_id',
      message: `"${leadId}" is not a lead id; pass the lead's UUID.`,
    });
  }

  const [visible] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.id, leadId), visiblePipeline(leads, caller)));
  if (!visible) {
    throw new NotFoundError({
      code: 'lead_not_found',
      message:
        `No lead ${leadId} among the leads you can see; ` +
        "check the id or ask its owner's manager.",
    });
  }

  const now = options.now ?? new Date();
  const [history] = await loadLeadHistories(db, { tenantId: caller.tenantId, leadIds: [leadId] });
  const scorer = await loadActiveScorer(db, caller.tenantId);
  const adjustments = await loadActiveAdjustments(db, caller.tenantId);
  // history exists: the lead was just found in the caller's tenant.
  return scoreLeadFeatures(leadFeatures(history as LeadHistory, now), { scorer, adjustments, now });
}

/** Customers and partners never see lead scores. */
export function assertMayScore(caller: Caller): void {
  if (caller.role === 'rep' || caller.role === 'manager' || caller.role === 'admin') return;
  throw new ForbiddenError({
    code: 'scores_internal_only',
    message: "Lead scores are for the tenant's own staff; sign in as a rep, manager or admin.",
  });
}
