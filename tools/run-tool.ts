import type { z } from 'zod';
import { recordAudit } from '../auth/audit.ts';
import { requireRole } from '../auth/require-role.ts';
import { InputError } from '../lib/errors.ts';
import type { ToolContext, ToolDefinition, ToolRead, ToolResult } from './tool-definition.ts';

// Limitation: refused calls are not audited; the audit log has no action for a denied read.
/**
 * Runs a tool for the caller: validates the raw arguments, checks the caller's role,
 * runs it and audits the CRM records it read. Every call from the agent goes through here.
 */
export async function runTool<Input, Output>(
  definition: ToolDefinition<Input, Output>,
  context: ToolContext,
  rawInput: unknown,
): Promise<ToolResult<Output>> {
  const input = parseToolInput(definition, rawInput);
  requireRole(context.caller, definition.roles, `use the ${definition.name} tool`);

  const result = await definition.run(context, input);

  await auditReads(context, definition.name, result.reads ?? []);
  return result;
}

/** The tool's arguments, validated; invalid ones become an InputError naming each field. */
export function parseToolInput<Input>(
  definition: Pick<ToolDefinition<Input, unknown>, 'name' | 'input'>,
  rawInput: unknown,
): Input {
  const parsed = definition.input.safeParse(rawInput);
  if (parsed.success) return parsed.data;

  const errors = fieldErrors(parsed.error);
  const listed = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
  throw new InputError({
    code: 'invalid_tool_input',
    message:
      `The ${definition.name} tool got invalid arguments (${listed}); ` +
      'fix them and call it again.',
    details: { tool: definition.name, errors },
  });
}

function fieldErrors(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
  }));
}

async function auditReads(
  context: ToolContext,
  toolName: string,
  reads: ToolRead[],
): Promise<void> {
  for (const read of reads) {
    await recordAudit(context.db, context.caller, {
      action: 'read',
      resourceType: read.resourceType,
      resourceId: read.resourceId,
      via: `tool:${toolName}`,
      requestId: context.requestId ?? null,
      ...(read.details ? { details: read.details } : {}),
    });
  }
}
