import type { Database } from '../db/client.ts';
import { auditLog } from '../db/schema/index.ts';
import type { Caller } from './caller.ts';

/** One entry of the audit log: who did what to which record, and through what. */
export interface AuditEntry {
  action: 'read' | 'create' | 'update' | 'delete';
  resourceType: string;
  resourceId?: string | null;
  /** The tool or endpoint, e.g. `tool:lookup_policy` or `DELETE /v1/knowledge/documents/:id`. */
  via: string;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends an entry to the caller's tenant's audit log. */
export async function recordAudit(db: Database, caller: Caller, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    tenantId: caller.tenantId,
    userId: caller.userId,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId ?? null,
    via: entry.via,
    requestId: entry.requestId ?? null,
    details: entry.details ?? {},
  });
}
