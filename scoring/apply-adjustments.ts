import { desc, eq } from 'drizzle-orm';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import { auditLog, scoringAdjustments } from '../db/schema/index.ts';
import { ForbiddenError } from '../lib/errors.ts';
import { type AdjustmentBacktest, backtestAdjustments } from './adjustment-backtest.ts';
import { adjustmentVocabulary } from './adjustment-vocabulary.ts';
import { loadActiveAdjustments, loadActiveScorer } from './lead-scorer.ts';
import { parseAdjustments, type ScoreAdjustments } from './score-adjustments.ts';

export interface AdjustmentRequest {
  caller: Caller;
  /** The request body: multipliers by region, segment, productLine and signal. */
  body: unknown;
  now: Date;
  /** Who asked, for the audit log: e.g. `PUT /v1/scoring/adjustments`. */
  via: string;
  requestId?: string;
}

/** A backtested adjustment: what it would have done, and the version it became if applied. */
export interface AdjustmentOutcome {
  version: number | null;
  adjustments: ScoreAdjustments;
  backtest: AdjustmentBacktest;
}

/** Validates proposed adjustments and backtests them against the current ones; changes nothing. */
export async function previewAdjustments(
  db: Database,
  request: Omit<AdjustmentRequest, 'via'>,
): Promise<AdjustmentOutcome> {
  assertMayAdjust(request.caller);
  const tenantId = request.caller.tenantId;
  const proposed = parseAdjustments(request.body, await adjustmentVocabulary(db, tenantId));
  const current = await loadActiveAdjustments(db, tenantId);
  const backtest = await backtestAdjustments(db, {
    tenantId,
    scorer: await loadActiveScorer(db, tenantId),
    current: current.adjustments,
    proposed,
    now: request.now,
  });
  return { version: null, adjustments: proposed, backtest };
}

/** Validates, backtests and applies adjustments as a new version, with an audit row. */
export async function applyAdjustmentsVersion(
  db: Database,
  request: AdjustmentRequest,
): Promise<AdjustmentOutcome> {
  const preview = await previewAdjustments(db, request);
  const { caller } = request;

  const version = await db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ version: scoringAdjustments.version })
      .from(scoringAdjustments)
      .where(eq(scoringAdjustments.tenantId, caller.tenantId))
      .orderBy(desc(scoringAdjustments.version))
      .limit(1);
    const next = (latest?.version ?? 0) + 1;
    await tx.insert(scoringAdjustments).values({
      tenantId: caller.tenantId,
      version: next,
      multipliers: preview.adjustments,
      backtest: preview.backtest as unknown as Record<string, unknown>,
      createdByUserId: caller.userId,
      createdAt: request.now,
    });
    await tx.insert(auditLog).values({
      tenantId: caller.tenantId,
      userId: caller.userId,
      action: 'update',
      resourceType: 'scoring_adjustments',
      resourceId: String(next),
      via: request.via,
      requestId: request.requestId ?? null,
      details: { adjustments: preview.adjustments, backtest: preview.backtest },
      occurredAt: request.now,
    });
    return next;
  });
  return { ...preview, version };
}

/** Only managers and admins tune the scoring. */
export function assertMayAdjust(caller: Caller): void {
  if (caller.role === 'manager' || caller.role === 'admin') return;
  throw new ForbiddenError({
    code: 'adjustments_managers_only',
    message:
      'Only managers and admins may change or preview scoring adjustments; ask your manager.',
  });
}
