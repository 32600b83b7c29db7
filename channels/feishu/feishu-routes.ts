import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { problem, sendProblem, toProblem } from '../../api/problem.ts';
import type { FeishuConfig } from '../../lib/channels-config.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ChannelDependencies } from '../chat-channel.ts';
import { authenticateFeishuRequest } from './authenticate-feishu-request.ts';
import type { FeishuBotIdentity } from './feishu-bot-identity.ts';
import { FEISHU_CARD_ACTION, feishuInboundEvent } from './feishu-inbound-event.ts';
import { feishuChallenge } from './feishu-payload.ts';

/** Where Feishu posts events and card callbacks; set it as both request URLs of the app. */
export const FEISHU_EVENTS_PATH = '/feishu/events';

/** Feishu's events are a few KB; anything far larger is not from Feishu. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The answer to a card button press Dealwise stored: a toast while the reply is prepared. */
const ACTION_RECEIVED = {
  toast: {
    type: 'info',
    content: '收到，正在处理… / Received, working on it…',
    i18n: { zh_cn: '收到，正在处理…', en_us: 'Received, working on it…' },
  },
};

export interface FeishuRoutesOptions {
  config: FeishuConfig;
  dependencies: ChannelDependencies;
  botIdentity: FeishuBotIdentity;
}

/**
 * `POST /feishu/events`: authenticates the request, answers URL verification, stores message
 * and card-press events through `receive` and acknowledges only after it resolves. Events
 * Dealwise does not handle get `{}` and are not stored; malformed ones get a 4xx problem.
 */
export function feishuRoutes(options: FeishuRoutesOptions): Hono {
  const logger = options.dependencies.logger.child({ module: 'feishu' });
  const routes = new Hono();

  routes.post(
    FEISHU_EVENTS_PATH,
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge }),
    async (context) => {
      const rawBody = new Uint8Array(await context.req.arrayBuffer());
      const answer = await handleEvent({
        ...options,
        logger,
        headers: context.req.raw.headers,
        rawBody,
      });
      return context.json(answer);
    },
  );

  routes.onError((error, context) => {
    const { status, problem: body } = toProblem(error);
    if (status >= 500) logger.error({ err: error }, 'feishu event failed');
    else logger.warn({ code: body.code, status }, 'feishu request rejected');
    return sendProblem(context, status, body);
  });

  return routes;
}

/** Authenticates, reads and stores one request; returns the JSON body to answer Feishu with. */
async function handleEvent(
  options: FeishuRoutesOptions & { logger: Logger; headers: Headers; rawBody: Uint8Array },
): Promise<object> {
  const { config, dependencies, logger } = options;
  const now = dependencies.now ?? (() => new Date());
  const payload = authenticateFeishuRequest({
    headers: options.headers,
    rawBody: options.rawBody,
    verificationToken: config.verificationToken,
    encryptKey: config.encryptKey,
    now: now(),
  });

  const challenge = feishuChallenge(payload);
  if (challenge !== undefined) return { challenge };

  const inbound = await feishuInboundEvent({
    payload,
    botOpenId: () => options.botIdentity.openId(),
    now: now(),
  });
  if (inbound.kind === 'ignored') {
    logger.debug({ reason: inbound.reason }, 'feishu event ignored');
    return {};
  }

  const receipt = await dependencies.receive(inbound.event);
  logger.info({ dedupeKey: inbound.event.dedupeKey, receipt }, 'feishu event received');
  const pressed = inbound.eventType === FEISHU_CARD_ACTION && receipt === 'accepted';
  return pressed ? ACTION_RECEIVED : {};
}

function tooLarge(context: Parameters<typeof sendProblem>[0]): Response {
  const detail = `Feishu events are small; this body is over ${MAX_BODY_BYTES} bytes.`;
  return sendProblem(context, 413, problem({ status: 413, code: 'feishu_body_too_large', detail }));
}
