import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem, sendProblem, toProblem } from '../../api/problem.ts';
import { NotFoundError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { BoltOutcome, SlackDelivery } from './slack-bolt-app.ts';
import { parseSlackRequestBody } from './slack-payload.ts';
import { slackRetryInfo } from './slack-retry-info.ts';
import { verifySlackRequest } from './verify-slack-request.ts';

/** Where Slack posts events, slash commands and interactivity. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack's payloads are a few kilobytes; anything far larger is not from Slack. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface SlackEventsRouteOptions {
  /** Undefined when Slack is set up for Socket Mode only; the route then answers 404. */
  signingSecret: string | undefined;
  dispatch(delivery: SlackDelivery): Promise<BoltOutcome>;
  logger: Logger;
  now: () => Date;
}

/**
 * `POST /slack/events`: verifies the signature over the raw body before anything else,
 * answers Slack's URL verification, and runs events, slash commands and button presses
 * through Bolt, answering only once their InboundEvent is stored. Malformed bodies get a
 * 4xx problem document with `X-Slack-No-Retry`, forged or stale ones a 401.
 */
export function slackEventsRoute(options: SlackEventsRouteOptions): Hono {
  const routes = new Hono();
  const tooLarge = (context: Context) =>
    sendProblem(
      context,
      413,
      problem({
        status: 413,
        code: 'slack_payload_too_large',
        detail: `Slack payloads are small; this body is over ${MAX_BODY_BYTES} bytes.`,
      }),
    );

  routes.post(
    SLACK_EVENTS_PATH,
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge }),
    (context) => handleSlackRequest(context, options),
  );
  routes.onError((error, context) => answerError(context, error, options.logger));
  return routes;
}

async function handleSlackRequest(
  context: Context,
  options: SlackEventsRouteOptions,
): Promise<Response> {
  const signingSecret = requireHttpEvents(options.signingSecret);
  const rawBody = new Uint8Array(await context.req.arrayBuffer());
  verifySlackRequest({
    headers: context.req.raw.headers,
    rawBody,
    signingSecret,
    now: options.now(),
  });

  const payload = parseSlackRequestBody({
    rawBody: new TextDecoder().decode(rawBody),
    contentType: context.req.header('content-type'),
  });
  if (payload.kind === 'url_verification') return context.json({ challenge: payload.challenge });
  if (payload.kind === 'ignored') return context.body(null, 200);

  const retry = slackRetryInfo(context.req.raw.headers);
  const outcome = await options.dispatch({
    body: payload.body,
    retryNum: retry?.retryNumber,
    retryReason: retry?.reason,
  });
  return acknowledge(context, outcome.response);
}

function acknowledge(context: Context, response: unknown): Response {
  if (response === undefined || response === '') return context.body(null, 200);
  if (typeof response === 'string') return context.text(response);
  return context.json(response);
}

function requireHttpEvents(signingSecret: string | undefined): string {
  if (signingSecret !== undefined) return signingSecret;
  throw new NotFoundError({
    code: 'slack_http_events_off',
    message:
      'Slack runs over Socket Mode here; set SLACK_SIGNING_SECRET to receive HTTP events too.',
  });
}

function answerError(context: Context, error: unknown, logger: Logger): Response {
  const requestId = context.get('requestId' as never) as string | undefined;
  const { status, problem: body } = toProblem(error, requestId);

  if (status >= 500) logger.error({ err: error, requestId }, 'slack request failed');
  else logger.warn({ code: body.code, status, requestId }, 'slack request refused');

  // A 4xx will not get better on redelivery; a 5xx (the event could not be stored) should.
  if (status < 500) context.header('X-Slack-No-Retry', '1');
  return sendProblem(context, status, body);
}
