import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { requireRole } from '../../auth/require-role.ts';
import type { Database } from '../../db/client.ts';
import { renderHtmlReport } from '../../evals/report/render-html-report.ts';
import { evalRunRequestSchema } from '../../evals/runs/eval-run-request.ts';
import { type EvalRunRecord, listEvalRuns, loadEvalRun } from '../../evals/runs/eval-run-store.ts';
import { queueEvalRun } from '../../evals/runs/queue-eval-run.ts';
import { InputError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { type AppVariables, authenticate } from '../authenticate.ts';
import { type Problem, problem, sendProblem } from '../problem.ts';
import { readJsonBody, validate } from '../validate.ts';

const MAX_BODY_BYTES = 4 * 1024 * 1024;

const listSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The report loads nothing and runs nothing, whatever text an eval case put in it. */
const REPORT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

export interface EvalRoutesDependencies {
  db: Database;
  logger: Logger;
}

/**
 * Eval runs for evaluators (admins): `POST /v1/evals/runs` queues a run of bundled or
 * uploaded suites, `GET /v1/evals/runs` lists the tenant's runs, `GET /v1/evals/runs/:id`
 * returns one's status and results, and `GET /v1/evals/runs/:id/report` its HTML report.
 */
export function evalRoutes(
  dependencies: EvalRoutesDependencies,
): Hono<{ Variables: AppVariables }> {
  const { db } = dependencies;
  const logger = dependencies.logger.child({ module: 'eval-routes' });
  const app = new Hono<{ Variables: AppVariables }>();
  app.use('/v1/evals/*', authenticate(db));

  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });

  app.post('/v1/evals/runs', limit, async (context) => {
    const { caller } = context.var;
    requireRole(caller, ['admin'], 'start eval runs');
    const request = validate(evalRunRequestSchema, await readJsonBody(context));

    const run = await queueEvalRun(db, { caller, request });
    logger.info(
      { tenantId: caller.tenantId, runId: run.id, suites: run.suites },
      'eval run queued',
    );
    context.header('location', `/v1/evals/runs/${run.id}`);
    return context.json(runView(run), 202);
  });

  app.get('/v1/evals/runs', async (context) => {
    const page = validate(listSchema, context.req.query());
    const runs = await listEvalRuns(db, { caller: context.var.caller, ...page });
    return context.json({
      runs: runs.map((run) => ({
        ...run,
        createdAt: run.createdAt.toISOString(),
        finishedAt: run.finishedAt?.toISOString() ?? null,
        links: linksOf(run.id),
      })),
      limit: page.limit,
      offset: page.offset,
    });
  });

  app.get('/v1/evals/runs/:id', async (context) => {
    const run = await loadEvalRun(db, { id: context.req.param('id'), caller: context.var.caller });
    return context.json(runView(run));
  });

  app.get('/v1/evals/runs/:id/report', async (context) => {
    const run = await loadEvalRun(db, { id: context.req.param('id'), caller: context.var.caller });
    if (run.status !== 'done') {
      return sendProblem(context, 409, notDone(run, context.var.requestId));
    }

    const html = renderHtmlReport({
      id: run.id,
      suites: run.results,
      createdAt: run.createdAt.toISOString(),
    });
    context.header('content-security-policy', REPORT_SECURITY_POLICY);
    return context.html(html);
  });

  return app;
}

/** A run as the API shows it; `suites` has the shape `npm run eval -- --json` writes. */
function runView(run: EvalRunRecord): Record<string, unknown> {
  return {
    id: run.id,
    status: run.status,
    requestedSuites: run.suites,
    options: run.options,
    model: run.model,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    summaries: run.results.map((suite) => ({ suite: suite.suite.name, ...suite.summary })),
    suites: run.results,
    links: linksOf(run.id),
  };
}

function linksOf(id: string): { self: string; report: string } {
  return { self: `/v1/evals/runs/${id}`, report: `/v1/evals/runs/${id}/report` };
}

/** The problem of asking for the report of a run that has none (yet). */
function notDone(run: EvalRunRecord, requestId: string): Problem {
  const detail =
    run.status === 'failed'
      ? `Eval run ${run.id} failed (${run.error ?? 'no reason recorded'}); it has no report.`
      : `Eval run ${run.id} is ${run.status}; its report is ready once it is done. ` +
        `GET /v1/evals/runs/${run.id} shows its status.`;
  return problem({
    status: 409,
    code: 'eval_run_not_done',
    detail,
    requestId,
    runStatus: run.status,
  });
}

function tooLarge(): never {
  const mebibytes = MAX_BODY_BYTES / 1024 / 1024;
  throw new InputError({
    code: 'body_too_large',
    message: `The request body is over ${mebibytes} MiB; upload a smaller suite.`,
  });
}
