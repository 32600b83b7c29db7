import { z } from 'zod';
import { requireRole } from '../auth/require-role.ts';
import type { RecordRef } from '../scoring/lead-features.ts';
import type { LeadScore } from '../scoring/lead-scorer.ts';
import { scoreLead } from '../scoring/score-lead.ts';
import { type RecordCitation, uniqueCitations } from './tool-citation.ts';
import {
  STAFF_ROLES,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
} from './tool-definition.ts';

const input = z.object({
  leadId: z.uuid().describe("The lead's id"),
});

/** Arguments of score_lead. */
export type ScoreLeadInput = z.infer<typeof input>;

/** Scores a lead the caller may see, with the reasons and the records behind them. Staff only. */
export const scoreLeadTool: ToolDefinition<ScoreLeadInput, LeadScore> = {
  name: 'score_lead',
  description:
    "Score one lead's intent to buy (0 to 1, with a band: hot, warm, cool, cold) and explain " +
    'it: the top reasons, each in Chinese and English, with the activities and signals ' +
    'behind them. Use it when asked how promising a lead is or what to do next with it. ' +
    'For staff only; reps can score their own leads, managers their team’s.',
  input,
  roles: STAFF_ROLES,
  kind: 'read',
  run: runScoreLead,
};

async function runScoreLead(
  context: ToolContext,
  request: ScoreLeadInput,
): Promise<ToolResult<LeadScore>> {
  requireRole(context.caller, STAFF_ROLES, 'score leads');
  const score = await scoreLead(context.db, context.caller, request.leadId, { now: context.now });

  return {
    data: score,
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
