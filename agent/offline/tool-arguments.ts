import { dueDateIn } from './due-date.ts';
import type { MessageEntities } from './entities.ts';
import type { ToolIntent } from './intent.ts';
import type { MissingFact } from './offline-replies.ts';
import { pitchGoal } from './pitch-goal.ts';
import type { RecordIdMention } from './record-ids.ts';

/** Arguments of one tool call, as the tool's zod schema expects them. */
export type ToolArguments = Record<string, unknown>;

/** The arguments of a call, or the fact the user still has to give. */
export type ArgumentsOutcome =
  | { arguments: ToolArguments }
  | { missing: MissingFact; externalId?: string | undefined };

/** The message, its entities and the time, to fill tool arguments from. */
export interface ToolArgumentsOptions {
  text: string;
  entities: MessageEntities;
  now: Date;
  utcOffsetMinutes: number;
}

type Builder = (options: ToolArgumentsOptions) => ArgumentsOutcome;

/** Fills the arguments of the tool that serves an intent from the message's entities. */
export function toolArguments(intent: ToolIntent, options: ToolArgumentsOptions): ArgumentsOutcome {
  return BUILDERS[intent](options);
}

const BUILDERS: Record<ToolIntent, Builder> = {
  search_knowledge: ({ text }) => ({ arguments: { query: text.trim().slice(0, 2_000) } }),

  get_account_overview: ({ entities }) => {
    const account = entities.accounts[0] ?? idOfKind(entities.recordIds, ['account']);
    return account === undefined ? { missing: 'account' } : { arguments: { account } };
  },

  lookup_policy: ({ entities }) => {
    const product = entities.products[0]?.text;
    const region = entities.regions[0];
    if (product === undefined) return { missing: 'policy_product' };
    if (region === undefined) return { missing: 'policy_region' };
    return { arguments: { product, region, ...(entities.date ? { date: entities.date } : {}) } };
  },

  draft_pitch: ({ text, entities }) => {
    const account = entities.accounts[0] ?? idOfKind(entities.recordIds, ['account']);
    if (account === undefined) return { missing: 'account' };

    const product = entities.products[0]?.text;
    return {
      arguments: {
        account,
        goal: pitchGoal(text, entities.language),
        format: /提纲|outline|call plan|agenda|拜访|通话|电话/i.test(text)
          ? 'call_outline'
          : 'email',
        language: entities.language,
        ...(product ? { product } : {}),
      },
    };
  },

  // Limitation: a lead named by its CRM id (CRM-10001) gets a question; the tools take UUIDs.
  score_lead: ({ entities }) => {
    const leadId = idOfKind(entities.recordIds, ['lead', 'unknown']);
    if (leadId !== undefined) return { arguments: { leadId } };
    const [externalId] = entities.externalIds;
    if (externalId) return { missing: 'lead_uuid', externalId };
    const account = entities.accounts[0] ?? idOfKind(entities.recordIds, ['account']);
    return account === undefined ? { missing: 'lead_id' } : { arguments: { account } };
  },

  recommend_talk_tracks: ({ text, entities }) => {
    const accountId = idOfKind(entities.recordIds, ['account']);
    return {
      arguments: { situation: text.trim().slice(0, 2_000), ...(accountId ? { accountId } : {}) },
    };
  },

  log_activity: ({ text, entities }) => {
    const target = pipelineTarget(entities.recordIds, true);
    if (target === undefined) return { missing: 'record_id' };

    const kind = activityKind(text);
    const minutes = /(\d{1,4})\s*(?:分钟|mins?\b|minutes?\b)/i.exec(text)?.[1];
    return {
      arguments: {
        ...target,
        kind,
        subject: activitySubject(text, kind, entities.language),
        notes: text.trim().slice(0, 5_000),
        ...(minutes ? { durationMinutes: Number(minutes) } : {}),
      },
    };
  },

  create_follow_up: ({ text, entities, now, utcOffsetMinutes }) => {
    const target = pipelineTarget(entities.recordIds, false);
    if (target === undefined) return { missing: 'record_id' };

    const note = /(?:提醒我|remind me to)\s*(.+)$/is.exec(text)?.[1] ?? text;
    return {
      arguments: {
        ...target,
        dueAt: dueDateIn({ text, now, utcOffsetMinutes }),
        note: note.trim().slice(0, 1_000),
      },
    };
  },
};

function idOfKind(
  mentions: readonly RecordIdMention[],
  kinds: readonly RecordIdMention['kind'][],
): string | undefined {
  return mentions.find((mention) => kinds.includes(mention.kind))?.id;
}

/** The lead, deal or contact an activity or follow-up is on; unnamed kinds count as leads. */
function pipelineTarget(
  mentions: readonly RecordIdMention[],
  contactAllowed: boolean,
): ToolArguments | undefined {
  const [mention] = mentions;
  if (mention === undefined) return undefined;
  if (mention.kind === 'deal') return { dealId: mention.id };
  if (mention.kind === 'contact' && contactAllowed) return { contactId: mention.id };
  return { leadId: mention.id };
}

function activityKind(text: string): 'call' | 'email' | 'meeting' {
  if (/邮件|e-?mail/i.test(text)) return 'email';
  if (/会议|会面|拜访|见面|meeting|visit/i.test(text)) return 'meeting';
  return 'call';
}

const DEFAULT_SUBJECTS = {
  zh: { call: '与客户通话', email: '给客户发邮件', meeting: '与客户会面' },
  en: { call: 'Call with the customer', email: 'Email to the customer', meeting: 'Meeting' },
} as const;

/** The text after a colon, as the rep's own subject line, else a plain one. */
function activitySubject(
  text: string,
  kind: 'call' | 'email' | 'meeting',
  language: 'zh' | 'en',
): string {
  const afterColon = /[:：]\s*([^。，,\n.;；]+)/.exec(text)?.[1]?.trim();
  return afterColon ? afterColon.slice(0, 200) : DEFAULT_SUBJECTS[language][kind];
}
