import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { activities, leadScores, leads, signals } from '../db/schema/index.ts';
import { leadFeatures } from './lead-features.ts';
import { loadLeadHistories } from './lead-history.ts';
import { loadActiveAdjustments, loadActiveScorer, scoreLeadFeatures } from './lead-scorer.ts';

export interface RescoreOptions {
  tenantId: string;
  now?: Date;
}

/** How many leads a rescoring run looked at and rescored. */
export interface RescoreResult {
  rescored: number;
  scorer: 'rule' | 'trained';
}

/**
 * Rescores a tenant's leads whose data changed after their stored score: the lead row,
 * its activities, its account's signals, or the scorer or adjustments in use. Leads
 * never scored are scored. Meant to run from the job queue.
 */
export async function rescoreChangedLeads(
  db: Database,
  options: RescoreOptions,
): Promise<RescoreResult> {
  const now = options.now ?? new Date();
  const scorer = await loadActiveScorer(db, options.tenantId);
  const adjustments = await loadActiveAdjustments(db, options.tenantId);
  const stale = await staleLeadIds(db, {
    tenantId: options.tenantId,
    modelId: scorer.modelId,
    adjustmentVersion: adjustments.version,
  });
  if (stale.length === 0) return { rescored: 0, scorer: scorer.kind };

  const histories = await loadLeadHistories(db, { tenantId: options.tenantId, leadIds: stale });
  const rows = histories.map((history) => {
    const score = scoreLeadFeatures(leadFeatures(history, now), { scorer, adjustments, now });
    return {
      leadId: score.leadId,
      tenantId: options.tenantId,
      score: score.score,
      band: score.band,
      scorer: score.scorer.kind,
      modelId: score.scorer.modelId,
      adjustmentVersion: score.adjustmentVersion,
      reasons: score.reasons as unknown as Record<string, unknown>[],
      computedAt: now,
    };
  });
  await upsertScores(db, rows);
  return { rescored: rows.length, scorer: scorer.kind };
}

async function staleLeadIds(
  db: Database,
  current: { tenantId: string; modelId: string | null; adjustmentVersion: number },
): Promise<string[]> {
  // Limitation: decayed triggers (a tender window closing) change scores without a data change.
  const rows = await db
    .select({ id: leads.id })
    .from(leads)
    .leftJoin(
      leadScores,
      and(eq(leadScores.leadId, leads.id), eq(leadScores.tenantId, leads.tenantId)),
    )
    .where(
      and(
        eq(leads.tenantId, current.tenantId),
        sql`(${leadScores.leadId} is null
          or ${leads.updatedAt} > ${leadScores.computedAt}
          or ${leadScores.adjustmentVersion} <> ${current.adjustmentVersion}
          or ${leadScores.modelId} is distinct from ${current.modelId}
          or exists (select 1 from ${activities}
            where ${activities.tenantId} = ${leads.tenantId} and ${activities.leadId} = ${leads.id}
              and ${activities.createdAt} > ${leadScores.computedAt})
          or exists (select 1 from ${signals}
            where ${signals.tenantId} = ${leads.tenantId}
              and ${signals.accountId} = ${leads.accountId}
              and ${signals.createdAt} > ${leadScores.computedAt}))`,
      ),
    );
  return rows.map((row) => row.id);
}

async function upsertScores(db: Database, rows: (typeof leadScores.$inferInsert)[]): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insert(leadScores)
      .values(rows.slice(start, start + 500))
      .onConflictDoUpdate({
        target: leadScores.leadId,
        set: {
          score: sql`excluded.score`,
          band: sql`excluded.band`,
          scorer: sql`excluded.scorer`,
          modelId: sql`excluded.model_id`,
          adjustmentVersion: sql`excluded.adjustment_version`,
          reasons: sql`excluded.reasons`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }
}
