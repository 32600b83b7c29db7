import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../auth/require-role.ts';
import { visiblePipeline } from '../auth/scope.ts';
import { leads } from '../db/schema/index.ts';
import { NotFoundError } from '../lib/errors.ts';
import type { RecordRef } from '../scoring/lead-features.ts';
import type { LeadScore } from '../scoring/lead-scorer.ts';
import { scoreLead } from '../scoring/score-lead.ts';
import { accountName, resolveAccount } from './resolve-account.ts';
import { type RecordCitation, uniqueCitations } from './tool-citation.ts';
import {
  STAFF_ROLES,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
} from './tool-definition.ts';

const input = z
  .object({
    leadId: z.uuid().optional().describe("The lead's id"),
    account: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe("Or an account's name or id: its most recently active open lead is scored"),
  })
  .refine((value) => value.leadId !== undefined || value.account !== undefined, {
    message: 'name the lead (leadId) or its account (account)',
    path: ['leadId'],
  });

/** Arguments of score_lead. */
export type ScoreLeadInput = z.infer<typeof input>;

/** A lead's score; when asked by account, which account and its other open leads. */
export type ScoreLeadOutput = LeadScore & {
  account?: { id: string; name: string };
  /** The account's other open leads the caller may see, most recently active first. */
  otherLeadIds?: string[];
};

const OTHER_LEADS_SHOWN = 5;

/** Scores a lead the caller may see, with the reasons and the records behind them. Staff only. */
export const scoreLeadTool: ToolDefinition<ScoreLeadInput, ScoreLeadOutput> = {
  name: 'score_lead',
  description:
    "Score one lead's intent to buy (0 to 1, with a band: hot, warm, cool, cold) and explain " +
    'it: the top reasons, each in Chinese and English, with the activities and signals ' +
    'behind them. Use it when asked how promising a lead is or what to do next with it. ' +
    'Name the lead by id, or an account, whose most recently active open lead is scored. ' +
    'For staff only; reps can score their own leads, managers their team’s.',
  input,
  roles: STAFF_ROLES,
  kind: 'read',
  run: runScoreLead,
};

async function runScoreLead(
  context: ToolContext,
  request: ScoreLeadInput,
): Promise<ToolResult<ScoreLeadOutput>> {
  requireRole(context.caller, STAFF_ROLES, 'score leads');
  const target = request.leadId
    ? { leadId: request.leadId }
    : await leadOfAccount(context, request.account ?? '');
  const score = await scoreLead(context.db, context.caller, target.leadId, { now: context.now });

  return {
    data: { ...score, ...('context' in target ? target.context : {}) },
    citations: uniqueCitations([
      {
        kind: 'record',
        resourceType: 'lead',
        id: score.leadId,
        title: `Lead ${score.leadId}`,
        sourceUrl: null,
        locator: `scored ${score.computedAt.slice(0, 10)}`,
      },
      ...score.reasons.flatMap((reason) => reason.records.map(recordCitation)),
    ]),
    summary: `lead ${score.leadId}: ${score.score.toFixed(2)} (${score.band})`,
    reads: [{ resourceType: 'lead', resourceId: score.leadId, details: { band: score.band } }],
  };
}

function recordCitation(record: RecordRef): RecordCitation {
  return {
    kind: 'record',
    resourceType: record.type,
    id: record.id,
    title: record.title,
    sourceUrl: record.url ?? null,
    locator: record.at ? record.at.slice(0, 10) : '',
  };
}

/** The account's most recently active open lead the caller may see, and its other ones. */
async function leadOfAccount(
  context: ToolContext,
  reference: string,
): Promise<{ leadId: string; context: Pick<ScoreLeadOutput, 'account' | 'otherLeadIds'> }> {
  const account = await resolveAccount(context.db, context.caller, reference);
  const open = await context.db
    .select({ id: leads.id })
    .from(leads)
    .where(
      and(
        visiblePipeline(leads, context.caller),
        eq(leads.accountId, account.id),
        inArray(leads.status, ['new', 'working', 'qualified']),
      ),
    )
    .orderBy(desc(leads.updatedAt), desc(leads.createdAt))
    .limit(OTHER_LEADS_SHOWN + 1);

  const [first, ...others] = open;
  if (!first) {
    throw new NotFoundError({
      code: 'no_open_lead',
      message: `${accountName(account)} has no open lead you may see; name a lead by its id instead.`,
      details: { accountId: account.id },
    });
  }
  return {
    leadId: first.id,
    context: {
      account: { id: account.id, name: accountName(account) },
      otherLeadIds: others.map((lead) => lead.id),
    },
  };
}
