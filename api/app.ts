import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AgentDependencies } from '../agent/run-turn.ts';
import type { ChatChannel } from '../channels/chat-channel.ts';
import type { Database, DatabaseKind } from '../db/client.ts';
import type { Embedder } from '../knowledge/embedder.ts';
import type { Logger } from '../lib/logger.ts';
import type { AppVariables } from './authenticate.ts';
import { openApiDocument } from './openapi.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import { channelRoutes } from './routes/channels.ts';
import { chatRoutes } from './routes/chat.ts';
import { evalRoutes } from './routes/evals.ts';
import { healthRoutes } from './routes/health.ts';
import { knowledgeRoutes } from './routes/knowledge.ts';
import { scoringRoutes } from './routes/scoring.ts';

/** What the HTTP app needs from the process that hosts it. */
export interface AppDependencies {
  db: Database;
  databaseKind: DatabaseKind;
  logger: Logger;
  embedder: Embedder;
  /** The agent behind the chat API. */
  agent: AgentDependencies;
  /** The chat model in use, or `offline`. */
  model: string;
  /** The configured chat platforms, whose webhooks the app serves. */
  channels?: readonly ChatChannel[];
  /** True when a group chat (the WeCom group robot) is configured for team-wide posts. */
  groupChannel?: boolean;
}

/** The Dealwise HTTP API as a Hono app; stateless, so any number can run side by side. */
export function createApp(dependencies: AppDependencies): Hono<{ Variables: AppVariables }> {
  const logger = dependencies.logger.child({ module: 'http' });
  const app = new Hono<{ Variables: AppVariables }>();

  app.use(requestId());
  app.use(async (context, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        requestId: context.var.requestId,
        method: context.req.method,
        path: context.req.path,
        status: context.res.status,
        durationMs: Math.round(performance.now() - started),
      },
      'request',
    );
  });

  app.route('/', healthRoutes(dependencies));
  const openApi = openApiDocument();
  app.get('/openapi.json', (context) => context.json(openApi));
  app.route('/', knowledgeRoutes(dependencies));
  app.route('/', scoringRoutes(dependencies));
  app.route('/', chatRoutes(dependencies.agent));
  app.route('/', evalRoutes(dependencies));
  app.route('/', channelRoutes(dependencies));
  for (const channel of dependencies.channels ?? []) app.route('/', channel.routes);

  app.notFound((context) =>
    sendProblem(
      context,
      404,
      problem({
        status: 404,
        code: 'route_not_found',
        detail: `No route for ${context.req.method} ${context.req.path}; see /openapi.json.`,
        requestId: context.var.requestId,
      }),
    ),
  );
  app.onError((error, context) => {
    const { status, problem: body } = toProblem(error, context.var.requestId);
    if (status >= 500) logger.error({ err: error, requestId: context.var.requestId }, 'failed');
    return sendProblem(context, status, body);
  });

  return app;
}
