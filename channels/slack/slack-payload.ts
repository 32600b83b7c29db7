import { z } from 'zod';
import { InputError } from '../../lib/errors.ts';

const eventEnvelopeSchema = z.looseObject({
  type: z.literal('event_callback'),
  team_id: z.string().min(1),
  event_id: z.string().min(1),
  event_time: z.number().optional(),
  event: z.looseObject({ type: z.string().min(1) }),
  authorizations: z
    .array(z.looseObject({ user_id: z.string().optional(), is_bot: z.boolean().optional() }))
    .optional(),
  authed_users: z.array(z.string()).optional(),
});

const commandSchema = z.looseObject({
  command: z.string().startsWith('/'),
  text: z.string(),
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  user_name: z.string().optional(),
  channel_id: z.string().min(1),
  channel_name: z.string().optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});

const blockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
  user: z.looseObject({
    id: z.string().min(1),
    team_id: z.string().optional(),
    name: z.string().optional(),
  }),
  team: z.looseObject({ id: z.string().min(1) }).nullish(),
  channel: z.looseObject({ id: z.string().min(1), name: z.string().optional() }).optional(),
  container: z
    .looseObject({
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z
    .looseObject({ ts: z.string().optional(), thread_ts: z.string().optional() })
    .optional(),
  actions: z
    .array(z.looseObject({ action_id: z.string().min(1), value: z.string().optional() }))
    .min(1),
});

/** An Events API envelope (`event_callback`); the inner event is checked by its listener. */
export type SlackEventEnvelope = z.infer<typeof eventEnvelopeSchema>;
/** A slash command invocation, as Slack posts it form-encoded. */
export type SlackCommandBody = z.infer<typeof commandSchema>;
/** A press of a Block Kit button (`block_actions` interactivity payload). */
export type SlackBlockActionsBody = z.infer<typeof blockActionsSchema>;

/** A verified Slack request body, sorted by what it asks of Dealwise. */
export type SlackPayload =
  | { kind: 'url_verification'; challenge: string }
  | { kind: 'event'; body: SlackEventEnvelope }
  | { kind: 'command'; body: SlackCommandBody }
  | { kind: 'interaction'; body: SlackBlockActionsBody }
  /** Well formed, but nothing Dealwise acts on (rate-limit notices, SSL checks, modals). */
  | { kind: 'ignored'; reason: string };

/** Where a body came from: an HTTP request's content type or a Socket Mode envelope type. */
export type SlackBodySource = 'json' | 'events_api' | 'slash_commands' | 'interactive';

const FORM_TYPE = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * Parses the raw body of a verified `POST /slack/events` by its content type: JSON for the
 * Events API, a form for slash commands, a form with a `payload` JSON field for
 * interactivity. Throws an InputError naming what is wrong, never echoing the body.
 */
export function parseSlackRequestBody(options: {
  rawBody: string;
  contentType: string | undefined;
}): SlackPayload {
  const mediaType = options.contentType?.split(';')[0]?.trim().toLowerCase();
  if (mediaType === JSON_TYPE) return classifySlackBody(parseJson(options.rawBody), 'json');
  if (mediaType === FORM_TYPE) return parseForm(options.rawBody);
  throw new InputError({
    code: 'slack_content_type_unsupported',
    message: `Slack sends ${JSON_TYPE} (events) or ${FORM_TYPE} (commands, interactivity).`,
  });
}

/** Sorts an already decoded body: from an HTTP request, or a Socket Mode envelope's payload. */
export function classifySlackBody(body: unknown, source: SlackBodySource): SlackPayload {
  if (!isRecord(body)) throw malformed('The Slack payload must be a JSON object.');
  if (source === 'slash_commands') return { kind: 'command', body: validate(commandSchema, body) };
  if (source === 'interactive') return classifyInteraction(body);

  switch (body.type) {
    case 'url_verification':
      if (source !== 'json') return { kind: 'ignored', reason: 'url_verification' };
      return { kind: 'url_verification', challenge: challengeOf(body) };
    case 'event_callback':
      return { kind: 'event', body: validate(eventEnvelopeSchema, body) };
    case 'app_rate_limited':
      return { kind: 'ignored', reason: 'app_rate_limited' };
    default:
      throw malformed('The payload type is not one the Events API sends.');
  }
}

function parseForm(rawBody: string): SlackPayload {
  const form = new URLSearchParams(rawBody);
  const payload = form.get('payload');
  if (payload !== null) return classifySlackBody(parseJson(payload), 'interactive');
  if (form.get('ssl_check') === '1') return { kind: 'ignored', reason: 'ssl_check' };
  if (form.has('command')) {
    return classifySlackBody(Object.fromEntries(form.entries()), 'slash_commands');
  }
  throw malformed('A form-encoded Slack request carries a slash command or a payload field.');
}

function classifyInteraction(body: Record<string, unknown>): SlackPayload {
  if (typeof body.type !== 'string') throw malformed('An interactivity payload needs a type.');
  if (body.type !== 'block_actions') return { kind: 'ignored', reason: body.type };
  return { kind: 'interaction', body: validate(blockActionsSchema, body) };
}

function challengeOf(body: Record<string, unknown>): string {
  if (typeof body.challenge === 'string' && body.challenge.length > 0) return body.challenge;
  throw malformed('A url_verification request carries a challenge string.');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError({
      code: 'slack_payload_malformed',
      message: 'The Slack payload is not valid JSON.',
    });
  }
}

function validate<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;

  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
  throw malformed(`The Slack payload has missing or invalid fields: ${fields.join(', ')}.`);
}

function malformed(message: string): InputError {
  return new InputError({ code: 'slack_payload_malformed', message });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
