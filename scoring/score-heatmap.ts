import { and, count, eq, sql } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import { visiblePipeline } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { accounts, leadScores, leads } from '../db/schema/index.ts';
import { assertMayScore } from './score-lead.ts';

/** One cell of the heat map: leads of a region in a score band. */
export interface HeatmapCell {
  region: string;
  band: 'hot' | 'warm' | 'cool' | 'cold' | 'unscored';
  leads: number;
}

// Limitation: reads stored scores; leads the rescoring job has not reached count as unscored.
/**
 * Open leads the caller may see, counted by region and stored score band; leads the rescoring
 * job has not reached yet count as `unscored`.
 */
export async function scoreHeatmap(db: Database, caller: Caller): Promise<HeatmapCell[]> {
  assertMayScore(caller);
  const region = sql<string>`coalesce(${accounts.region}, 'unknown')`;
  const band = sql<HeatmapCell['band']>`coalesce(${leadScores.band}, 'unscored')`;
  const rows = await db
    .select({ region, band, leads: count() })
    .from(leads)
    .leftJoin(
      accounts,
      and(eq(accounts.id, leads.accountId), eq(accounts.tenantId, leads.tenantId)),
    )
    .leftJoin(
      leadScores,
      and(eq(leadScores.leadId, leads.id), eq(leadScores.tenantId, leads.tenantId)),
    )
    .where(
      and(
        visiblePipeline(leads, caller),
        sql`${leads.status} not in ('converted', 'disqualified')`,
      ),
    )
    .groupBy(region, band)
    .orderBy(region, band);
  return rows.map((row) => ({ ...row, leads: Number(row.leads) }));
}
