import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { sendProblem, toProblem } from '../../api/problem.ts';
import type { WecomConfig } from '../../lib/channels-config.ts';
import { AuthenticationError, DealwiseError, InputError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ChannelDependencies } from '../chat-channel.ts';
import { parseWecomXml } from './parse-wecom-xml.ts';
import { decryptWecomMessage, verifyWecomUrl } from './wecom-crypto.ts';
import { wecomInboundEvent } from './wecom-inbound-event.ts';

/** The path WeCom calls back, for URL verification (GET) and messages (POST). */
export const WECOM_CALLBACK_PATH = '/wecom/callback';

/** A callback carries one small message; anything larger is not WeCom. */
const MAX_BODY_BYTES = 64 * 1024;

export interface WecomCallbackOptions {
  config: Pick<WecomConfig, 'corpId' | 'token' | 'encodingAesKey'>;
  dependencies: ChannelDependencies;
}

interface SignedQuery {
  signature: string;
  timestamp: string;
  nonce: string;
}

/**
 * The callback routes of a WeCom self-built app. GET answers URL verification with the
 * decrypted echostr. POST checks msg_signature (before decrypting), the timestamp window and
 * the CorpID inside the message, stores the message through `receive` and only then answers
 * an empty 200; the answer itself goes later through the API. Bad signatures get 401,
 * malformed payloads 400.
 */
export function wecomCallbackRoutes(options: WecomCallbackOptions): Hono {
  const { dependencies } = options;
  const { corpId, token, encodingAesKey } = options.config;
  const credentials = { corpId, token, encodingAesKey };
  const logger = dependencies.logger.child({ module: 'wecom' });
  const now = dependencies.now ?? (() => new Date());
  const routes = new Hono();

  routes.get(WECOM_CALLBACK_PATH, (context) => {
    const signed = signedQuery(context);
    const echostr = context.req.query('echostr');
    if (!echostr) throw malformed('The URL verification has no echostr.');

    // Query parsing turns an unencoded "+" into a space; Base64 never holds one.
    const plaintext = verifyWecomUrl({
      ...credentials,
      ...signed,
      echostr: echostr.replaceAll(' ', '+'),
      now: now(),
    });
    logger.info('WeCom callback URL verified');
    return context.text(plaintext);
  });

  routes.post(WECOM_CALLBACK_PATH, bodyLimit({ maxSize: MAX_BODY_BYTES }), async (context) => {
    const signed = signedQuery(context);
    const envelope = parseWecomXml(await context.req.text());
    const encrypted = envelope.Encrypt;
    if (!encrypted) throw malformed('The callback XML has no Encrypt element.');

    const plaintext = decryptWecomMessage({ ...credentials, ...signed, encrypted, now: now() });
    const event = wecomInboundEvent(parseWecomXml(plaintext), { corpId });
    if (event === undefined) return context.text('');

    const receipt = await dependencies.receive(event);
    logger.info({ dedupeKey: event.dedupeKey, receipt, body: event.body.type }, 'WeCom message');
    return context.text('');
  });

  routes.onError((error, context) => answerError({ error, context, logger }));
  return routes;
}

function signedQuery(context: Context): SignedQuery {
  const signature = context.req.query('msg_signature');
  const timestamp = context.req.query('timestamp');
  const nonce = context.req.query('nonce');
  if (signature && timestamp && nonce) return { signature, timestamp, nonce };

  throw new AuthenticationError({
    code: 'wecom_signature_missing',
    message: 'The callback has no msg_signature, timestamp or nonce; only WeCom may call it.',
  });
}

function answerError(options: { error: Error; context: Context; logger: Logger }): Response {
  const { error, context, logger } = options;
  const { status, problem } = toProblem(error);
  if (status >= 500) logger.error({ err: error }, 'WeCom callback failed');
  else if (error instanceof DealwiseError)
    logger.warn({ code: error.code }, 'WeCom callback refused');
  return sendProblem(context, status, problem);
}

function malformed(message: string): InputError {
  return new InputError({ code: 'wecom_payload_malformed', message });
}
