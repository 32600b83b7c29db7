import { z } from 'zod';
import type { Caller } from '../auth/caller.ts';
import { requireRole } from '../auth/require-role.ts';
import { activities } from '../db/schema/index.ts';
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

/** Clock skew allowed when an activity is said to have happened "now". */
const FUTURE_SKEW_MS = 5 * 60_000;

const input = z
  .object({
    leadId: z.uuid().optional().describe('The lead it was about (its id)'),
    dealId: z.uuid().optional().describe('The deal it was about (its id)'),
    contactId: z.uuid().optional().describe('The contact it was with (its id)'),
    kind: z.enum(['call', 'email', 'meeting']).describe('What it was: call, email or meeting'),
    subject: z.string().trim().min(1).max(200).describe('A one-line subject, Chinese or English'),
    notes: z.string().max(5_000).optional().describe('What was said or agreed'),
    occurredAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When it happened, ISO 8601 with offset; default now. Not in the future.'),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .optional()
      .describe('How long a call or meeting took, in minutes'),
  })
  .refine((value) => value.leadId || value.dealId || value.contactId, {
    message: 'name the lead, deal or contact the activity is about',
    path: ['leadId'],
  });

/** Arguments of log_activity. */
export type LogActivityInput = z.infer<typeof input>;

/** What log_activity will write, for the user to confirm. */
export interface ActivityPreview {
  status: 'awaiting_confirmation';
  preview: string;
  expiresAt: string;
}

/** What was written. */
export interface LoggedActivity {
  activityId: string;
  /** False when this confirmation had already been applied. */
  created: boolean;
}

/**
 * Logs a call, email or meeting on a lead, deal or contact of the caller's pipeline,
 * once the user confirms. Staff only; reps on their own leads and deals.
 */
export const logActivityTool: WriteToolDefinition<
  LogActivityInput,
  ActivityPreview,
  LoggedActivity
> = {
  name: 'log_activity',
  description:
    'Log a call, email or meeting that already happened on a lead, deal or contact, with a ' +
    'subject and notes (Chinese or English). This prepares the entry and shows the user a ' +
    'preview; nothing is saved until the user confirms. For staff only.',
  input,
  roles: STAFF_ROLES,
  kind: 'write',
  run: prepareLogActivity,
  apply: applyLogActivity,
};

async function prepareLogActivity(
  context: ToolContext,
  request: LogActivityInput,
): Promise<ToolResult<ActivityPreview>> {
  const target = await checkActivity(context, request);
  const occurredAt = request.occurredAt ?? context.now.toISOString();
  const canonical: LogActivityInput = { ...request, occurredAt };

  const { token, expiresAt } = signConfirmation({
    secret: context.confirmationSecret,
    tool: logActivityTool.name,
    caller: context.caller,
    input: canonical,
    now: context.now,
  });
  const preview = previewText(canonical, target, context.caller);
  return {
    data: { status: 'awaiting_confirmation', preview, expiresAt: expiresAt.toISOString() },
    citations: [],
    summary: `log_activity prepared: ${request.kind} on ${target.label}`,
    confirmation: { token, expiresAt: expiresAt.toISOString(), preview },
  };
}

async function applyLogActivity(
  context: ToolContext,
  token: string,
): Promise<ToolResult<LoggedActivity>> {
  const request = confirmedInput(logActivityTool, context, token);
  const target = await checkActivity(context, request);

  const activityId = confirmationRowId(token);
  const created = await insertActivity(context, { activityId, request, target });
  return {
    data: { activityId, created },
    citations: [],
    summary: created ? `logged ${request.kind} on ${target.label}` : 'already logged',
  };
}

/** Role, scope and time checks, run both when preparing and when applying. */
async function checkActivity(
  context: ToolContext,
  request: LogActivityInput,
): Promise<PipelineTarget> {
  requireRole(context.caller, STAFF_ROLES, 'log activities');
  const occurredAt = request.occurredAt ? new Date(request.occurredAt) : context.now;
  if (occurredAt.getTime() > context.now.getTime() + FUTURE_SKEW_MS) {
    throw new InputError({
      code: 'occurred_at_in_future',
      message: 'occurredAt is in the future; log activities after they happen.',
      details: { field: 'occurredAt' },
    });
  }
  return resolvePipelineTarget(context.db, context.caller, request);
}

/** Writes the activity and its audit entry together; false when the row already existed. */
function insertActivity(
  context: ToolContext,
  options: { activityId: string; request: LogActivityInput; target: PipelineTarget },
): Promise<boolean> {
  const { activityId, request, target } = options;
  return insertOnceAudited(context, {
    table: activities,
    row: {
      id: activityId,
      tenantId: context.caller.tenantId,
      kind: request.kind,
      occurredAt: new Date(request.occurredAt ?? context.now),
      leadId: target.leadId,
      dealId: target.dealId,
      contactId: target.contactId,
      userId: context.caller.userId,
      subject: request.subject,
      notes: request.notes ?? null,
      durationSeconds: request.durationMinutes ? request.durationMinutes * 60 : null,
      emailDirection: request.kind === 'email' ? 'outbound' : null,
    },
    audit: {
      action: 'create',
      resourceType: 'activity',
      via: `tool:${logActivityTool.name}`,
      details: { kind: request.kind, leadId: target.leadId, dealId: target.dealId },
    },
  });
}

function previewText(request: LogActivityInput, target: PipelineTarget, caller: Caller): string {
  const minutes = request.durationMinutes;
  if (caller.locale.startsWith('zh')) {
    const kind = { call: '通话', email: '邮件', meeting: '会议' }[request.kind];
    return [
      `记录一条${kind}：${request.subject}`,
      `对象：${target.label}`,
      `时间：${request.occurredAt}${minutes ? `，时长 ${minutes} 分钟` : ''}`,
      request.notes ? `备注：${request.notes}` : null,
    ]
      .filter(Boolean)
      .join('\n');
  }
  return [
    `Log a ${request.kind}: ${request.subject}`,
    `On: ${target.label}`,
    `When: ${request.occurredAt}${minutes ? `, ${minutes} minutes` : ''}`,
    request.notes ? `Notes: ${request.notes}` : null,
  ]
    .filter(Boolean)
    .join('\n');
}
