import { z } from 'zod';
import type { Caller } from '../auth/caller.ts';
import { requireRole } from '../auth/require-role.ts';
import { followUps } from '../db/schema/index.ts';
import { InputError } from '../lib/errors.ts';
import { confirmationRowId, signConfirmation } from './confirmation-token.ts';
import { confirmedInput, insertOnceAudited } from './confirmed-write.ts';
import { type PipelineTarget, resolvePipelineTarget } from './pipeline-target.ts';
import {
  STAFF_ROLES,
  type ToolContext,
  type ToolResult,
  type WriteToolDefinition,
} from './tool-definition.ts';

/** How far ahead a follow-up may be scheduled. */
const MAX_AHEAD_MS = 366 * 86_400_000;

const input = z
  .object({
    leadId: z.uuid().optional().describe('The lead to follow up (its id)'),
    dealId: z.uuid().optional().describe('The deal to follow up (its id)'),
    dueAt: z.iso
      .datetime({ offset: true })
      .describe('When the follow-up is due, ISO 8601 with offset; in the future'),
    note: z.string().trim().min(1).max(1_000).describe('What to do, Chinese or English'),
  })
  .refine((value) => value.leadId || value.dealId, {
    message: 'name the lead or deal to follow up',
    path: ['leadId'],
  });

/** Arguments of create_follow_up. */
export type CreateFollowUpInput = z.infer<typeof input>;

/** What create_follow_up will write, for the user to confirm. */
export interface FollowUpPreview {
  status: 'awaiting_confirmation';
  preview: string;
  expiresAt: string;
}

/** What was written; `created` is false when the same confirmation was applied before. */
export interface CreatedFollowUp {
  followUpId: string;
  created: boolean;
}

/**
 * Schedules a follow-up on a lead or deal of the caller's pipeline, in the follow_ups
 * table (not as a future activity, which scoring would count as a touch once its time
 * passed). Applying the same confirmation twice writes one row.
 */
export const createFollowUpTool: WriteToolDefinition<
  CreateFollowUpInput,
  FollowUpPreview,
  CreatedFollowUp
> = {
  name: 'create_follow_up',
  description:
    'Schedule a follow-up (a reminder to call, email or visit) on a lead or deal at a ' +
    'future time, with a note in Chinese or English. Shows the user a preview; nothing is ' +
    'saved until the user confirms. For staff only.',
  input,
  roles: STAFF_ROLES,
  kind: 'write',
  run: prepareFollowUp,
  apply: applyFollowUp,
};

async function prepareFollowUp(
  context: ToolContext,
  request: CreateFollowUpInput,
): Promise<ToolResult<FollowUpPreview>> {
  const target = await checkFollowUp(context, request);
  const { token, expiresAt } = signConfirmation({
    secret: context.confirmationSecret,
    tool: createFollowUpTool.name,
    caller: context.caller,
    input: request,
    now: context.now,
  });
  const preview = previewText(request, target, context.caller);
  return {
    data: { status: 'awaiting_confirmation', preview, expiresAt: expiresAt.toISOString() },
    citations: [],
    summary: `create_follow_up prepared on ${target.label}`,
    confirmation: { token, expiresAt: expiresAt.toISOString(), preview },
  };
}

async function applyFollowUp(
  context: ToolContext,
  token: string,
): Promise<ToolResult<CreatedFollowUp>> {
  const request = confirmedInput(createFollowUpTool, context, token);
  const target = await checkFollowUp(context, request);
  const followUpId = confirmationRowId(token);

  const created = await insertOnceAudited(context, {
    table: followUps,
    row: {
      id: followUpId,
      tenantId: context.caller.tenantId,
      leadId: target.leadId,
      dealId: target.dealId,
      ownerUserId: context.caller.userId,
      createdByUserId: context.caller.userId,
      dueAt: new Date(request.dueAt),
      note: request.note,
    },
    audit: {
      action: 'create',
      resourceType: 'follow_up',
      via: `tool:${createFollowUpTool.name}`,
      details: { leadId: target.leadId, dealId: target.dealId, dueAt: request.dueAt },
    },
  });

  return {
    data: { followUpId, created },
    citations: [],
    summary: `create_follow_up ${created ? 'saved' : 'already saved'} on ${target.label}`,
  };
}

async function checkFollowUp(
  context: ToolContext,
  request: CreateFollowUpInput,
): Promise<PipelineTarget> {
  requireRole(context.caller, STAFF_ROLES, 'schedule follow-ups');
  const due = new Date(request.dueAt).getTime();
  const now = context.now.getTime();
  if (due <= now || due > now + MAX_AHEAD_MS) {
    throw new InputError({
      code: 'due_at_out_of_range',
      message: 'dueAt must be in the future and within a year; pick another time.',
      details: { field: 'dueAt' },
    });
  }
  return resolvePipelineTarget(context.db, context.caller, request);
}

function previewText(request: CreateFollowUpInput, target: PipelineTarget, caller: Caller): string {
  if (caller.locale.startsWith('zh')) {
    return `新建跟进：${request.note}\n对象：${target.label}\n截止：${request.dueAt}`;
  }
  return `New follow-up: ${request.note}\nOn: ${target.label}\nDue: ${request.dueAt}`;
}
