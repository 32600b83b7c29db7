import { type FeishuPayload, feishuEventId } from './feishu/feishu-payload.ts';
import type { WecomFields } from './wecom/parse-wecom-xml.ts';

/** A parsed inbound payload, tagged with the platform it came from. */
export type DedupeInput =
  | { platform: 'slack'; payload: Readonly<Record<string, unknown>> }
  | { platform: 'telegram'; payload: Readonly<Record<string, unknown>> }
  | { platform: 'wecom'; fields: WecomFields }
  | { platform: 'feishu'; payload: FeishuPayload };

/**
 * Builds the key that recognises a redelivered webhook: `slack:<event_id>`,
 * `telegram:<update_id>`, `wecom:<MsgId>` (or `wecom:<FromUserName>:<CreateTime>` for events,
 * which carry no MsgId, with `:<EventKey>` for a card press, so that two buttons pressed in
 * one second are two events) and `feishu:<event_id or uuid>`. Undefined when the payload has
 * no id, e.g. a Slack interactivity payload or a challenge.
 */
export function dedupeKey(input: DedupeInput): string | undefined {
  // Limitation: keys are unique per platform, not per app or tenant; multi-bot adapters prefix.
  switch (input.platform) {
    case 'slack':
      return withPrefix('slack', textId(input.payload.event_id));
    case 'telegram':
      return withPrefix('telegram', integerId(input.payload.update_id));
    case 'wecom':
      return withPrefix('wecom', wecomId(input.fields));
    case 'feishu':
      return withPrefix('feishu', feishuEventId(input.payload));
  }
}

function wecomId(fields: WecomFields): string | undefined {
  const messageId = textId(fields.MsgId);
  if (messageId !== undefined) return messageId;

  const sender = textId(fields.FromUserName);
  const createTime = textId(fields.CreateTime);
  if (sender === undefined || createTime === undefined) return undefined;
  const eventKey = textId(fields.EventKey);
  return eventKey === undefined ? `${sender}:${createTime}` : `${sender}:${createTime}:${eventKey}`;
}

function textId(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function integerId(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
}

function withPrefix(platform: string, id: string | undefined): string | undefined {
  return id === undefined ? undefined : `${platform}:${id}`;
}
