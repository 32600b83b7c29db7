import { Hono } from 'hono';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { adjustmentVocabulary } from '../../scoring/adjustment-vocabulary.ts';
import { applyAdjustmentsVersion, previewAdjustments } from '../../scoring/apply-adjustments.ts';
import { loadActiveAdjustments, loadActiveScorer } from '../../scoring/lead-scorer.ts';
import { RULE_PRIOR_BASE, RULE_PRIOR_WEIGHTS } from '../../scoring/rule-prior.ts';
import { scoreHeatmap } from '../../scoring/score-heatmap.ts';
import { assertMayScore, scoreLead } from '../../scoring/score-lead.ts';
import { type AppVariables, authenticate } from '../authenticate.ts';
import { readJsonBody } from '../validate.ts';

export interface ScoringRoutesDependencies {
  db: Database;
  logger: Logger;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/**
 * Lead scores, the heat map, and the adjustments managers tune:
 * `GET /v1/leads/:id/score`, `GET /v1/scoring/heatmap`, `GET|PUT /v1/scoring/adjustments`,
 * `POST /v1/scoring/adjustments/preview`.
 */
export function scoringRoutes(
  dependencies: ScoringRoutesDependencies,
): Hono<{ Variables: AppVariables }> {
  const { db } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const logger = dependencies.logger.child({ module: 'scoring-routes' });
  const app = new Hono<{ Variables: AppVariables }>();
  app.use('/v1/leads/*', authenticate(db));
  app.use('/v1/scoring/*', authenticate(db));

  app.get('/v1/leads/:id/score', async (context) => {
    const score = await scoreLead(db, context.var.caller, context.req.param('id'), { now: now() });
    return context.json(score);
  });

  app.get('/v1/scoring/heatmap', async (context) => {
    return context.json({ cells: await scoreHeatmap(db, context.var.caller) });
  });

  app.get('/v1/scoring/adjustments', async (context) => {
    const { caller } = context.var;
    assertMayScore(caller);
    const current = await loadActiveAdjustments(db, caller.tenantId);
    const scorer = await loadActiveScorer(db, caller.tenantId);
    return context.json({
      version: current.version,
      adjustments: current.adjustments,
      scorer: { kind: scorer.kind, modelId: scorer.modelId, reason: scorer.reason },
      rulePrior: { base: RULE_PRIOR_BASE, weights: RULE_PRIOR_WEIGHTS },
      vocabulary: await adjustmentVocabulary(db, caller.tenantId),
    });
  });

  app.post('/v1/scoring/adjustments/preview', async (context) => {
    const body = await readJsonBody(context);
    const outcome = await previewAdjustments(db, { caller: context.var.caller, body, now: now() });
    return context.json(outcome);
  });

  app.put('/v1/scoring/adjustments', async (context) => {
    const body = await readJsonBody(context);
    const outcome = await applyAdjustmentsVersion(db, {
      caller: context.var.caller,
      body,
      now: now(),
      via: 'PUT /v1/scoring/adjustments',
      requestId: context.var.requestId,
    });
    logger.info(
      { tenantId: context.var.caller.tenantId, version: outcome.version },
      'adjustments applied',
    );
    return context.json(outcome);
  });

  return app;
}
