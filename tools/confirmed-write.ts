import type { PgTable } from 'drizzle-orm/pg-core';
import { type AuditEntry, recordAudit } from '../auth/audit.ts';
import type { Database } from '../db/client.ts';
import { verifyConfirmation } from './confirmation-token.ts';
import { parseToolInput } from './run-tool.ts';
import type { ToolContext, ToolDefinition } from './tool-definition.ts';

/**
 * The input a confirmation token signed, once the token is checked for this tool, this
 * caller and its expiry, and the input validated again.
 */
export function confirmedInput<Input>(
  definition: Pick<ToolDefinition<Input, unknown>, 'name' | 'input'>,
  context: ToolContext,
  token: string,
): Input {
  const signed = verifyConfirmation({
    secret: context.confirmationSecret,
    token,
    tool: definition.name,
    caller: context.caller,
    now: context.now,
  });
  return parseToolInput(definition, signed);
}

/**
 * Inserts the row a confirmed write makes, with its audit entry, in one transaction; false
 * when a row with its id exists already (the same confirmation applied twice).
 */
export async function insertOnceAudited(
  context: ToolContext,
  options: {
    table: PgTable;
    row: { id: string } & Record<string, unknown>;
    audit: Omit<AuditEntry, 'resourceId' | 'requestId'>;
  },
): Promise<boolean> {
  return context.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(options.table)
      .values(options.row as never)
      .onConflictDoNothing()
      .returning();
    if (inserted.length === 0) return false;

    await recordAudit(tx as unknown as Database, context.caller, {
      ...options.audit,
      resourceId: options.row.id,
      requestId: context.requestId ?? null,
    });
    return true;
  });
}
