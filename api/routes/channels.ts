import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../auth/audit.ts';
import type { Database } from '../../db/client.ts';
import { queueGroupPush } from '../../messaging/group-push.ts';
import { PLATFORMS } from '../../messaging/inbound-event.ts';
import { issueLinkCode } from '../../messaging/link-codes.ts';
import { listLinkedAccounts, unlinkAccount } from '../../messaging/linked-accounts.ts';
import { pushMessage } from '../../messaging/push-message.ts';
import { type AppVariables, authenticate } from '../authenticate.ts';
import { readJson } from '../validate.ts';

/** Body of `POST /v1/channels/messages`. */
export const pushSchema = z.object({
  userId: z.string().min(1),
  text: z.string(),
  platforms: z
    .array(z.enum(PLATFORMS as [string, ...string[]]))
    .min(1)
    .optional(),
});

/** Body of `POST /v1/channels/group-messages`. */
export const groupPushSchema = z.object({ text: z.string() });

/**
 * A user's chat accounts and proactive messages: `POST /v1/channels/link-codes` (a one-time
 * code to send the bot as `/link <code>`), `GET /v1/channels/links`,
 * `DELETE /v1/channels/links/:id`, `POST /v1/channels/messages` and
 * `POST /v1/channels/group-messages`.
 */
export function channelRoutes(dependencies: {
  db: Database;
  /** True when a group chat (the WeCom group robot) is configured. */
  groupChannel?: boolean | undefined;
  now?: () => Date;
}): Hono<{ Variables: AppVariables }> {
  const { db } = dependencies;
  const now = dependencies.now ?? (() => new Date());
  const app = new Hono<{ Variables: AppVariables }>();
  app.use('/v1/channels/*', authenticate(db));

  app.post('/v1/channels/link-codes', async (context) => {
    const { code, expiresAt } = await issueLinkCode(db, context.var.caller, now());
    return context.json(
      {
        code,
        expiresAt: expiresAt.toISOString(),
        instructions: `Send "/link ${code}" to the Dealwise bot in Slack, Telegram, WeCom or Feishu before it expires; 在企业微信、飞书、Slack 或 Telegram 里向 Dealwise 发送 "/link ${code}"。`,
      },
      201,
    );
  });

  app.get('/v1/channels/links', async (context) => {
    return context.json({ links: await listLinkedAccounts(db, context.var.caller) });
  });

  app.delete('/v1/channels/links/:id', async (context) => {
    const { caller, requestId } = context.var;
    const linkId = context.req.param('id');
    await unlinkAccount(db, caller, linkId);
    await recordAudit(db, caller, {
      action: 'delete',
      resourceType: 'channel_identity',
      resourceId: linkId,
      via: 'DELETE /v1/channels/links/:id',
      requestId,
    });
    return context.body(null, 204);
  });

  app.post('/v1/channels/messages', async (context) => {
    const { caller, requestId } = context.var;
    const body = await readJson(context, pushSchema);
    const queued = await pushMessage(db, caller, {
      userId: body.userId,
      text: body.text,
      platforms: body.platforms as typeof PLATFORMS | undefined,
    });
    await recordAudit(db, caller, {
      action: 'create',
      resourceType: 'channel_message',
      resourceId: body.userId,
      via: 'POST /v1/channels/messages',
      requestId,
      details: { platforms: queued.platforms },
    });
    return context.json({ queued: queued.platforms }, 202);
  });

  app.post('/v1/channels/group-messages', async (context) => {
    const { caller, requestId } = context.var;
    const body = await readJson(context, groupPushSchema);
    await queueGroupPush(db, caller, {
      text: body.text,
      groupConfigured: dependencies.groupChannel === true,
    });
    await recordAudit(db, caller, {
      action: 'create',
      resourceType: 'channel_group_message',
      via: 'POST /v1/channels/group-messages',
      requestId,
    });
    return context.json({ queued: true }, 202);
  });

  return app;
}
