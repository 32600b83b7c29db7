import { requireRole } from '../auth/require-role.ts';
import type { ToolContext, ToolResult, WriteToolDefinition } from './tool-definition.ts';

/**
 * Applies a write the user has confirmed, with the token its preparation returned. Call
 * it from the user's confirmation (a button, a "yes"), never as a tool the model can
 * call: the token proves the user saw the preview only if the model never holds it.
 */
export async function applyConfirmedWrite<Input, Preview, Applied>(
  definition: WriteToolDefinition<Input, Preview, Applied>,
  context: ToolContext,
  token: string,
): Promise<ToolResult<Applied>> {
  requireRole(context.caller, definition.roles, `use the ${definition.name} tool`);
  return definition.apply(context, token);
}
