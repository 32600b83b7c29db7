import { and, desc, eq, isNull, lte, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { type Caller, isInternal } from '../auth/caller.ts';
import { inTenant, readableKnowledge, visiblePipeline } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import {
  activities,
  chunks,
  contacts,
  deals,
  documents,
  leads,
  signals,
} from '../db/schema/index.ts';
import { locatorOf } from '../knowledge/citation.ts';
import type { KnowledgeCitation, RecordCitation } from './tool-citation.ts';

/**
 * The records around one account, each loaded within what the caller may see. Callers
 * pass an account they have already resolved with resolveAccount.
 */

/** A person at the account; staff also get how to reach them. */
export interface ContactSummary {
  id: string;
  name: string;
  title: string | null;
  email?: string | null;
  phone?: string | null;
}

/** An open deal the caller may see. */
export interface DealSummary {
  id: string;
  name: string;
  stage: string;
  amount: number;
  currency: string;
  expectedClose: string | null;
  productLine: string | null;
}

/** Something that happened with the account. */
export interface ActivitySummary {
  id: string;
  kind: string;
  occurredAt: string;
  subject: string | null;
  leadId: string | null;
  dealId: string | null;
}

/** A public event about the account. */
export interface SignalSummary {
  id: string;
  kind: string;
  title: string;
  summary: string | null;
  publishedAt: string;
  sourceUrl: string;
}

/** A document for or about the account that the caller may read. */
export interface DocumentSummary {
  documentId: string;
  sourceId: string;
  title: string;
  type: string;
}

const CLOSED_STAGES = ['closed_won', 'closed_lost'] as const;

/** The account's contacts: names and titles for everyone, email and phone for staff only. */
export async function loadContacts(
  db: Database,
  caller: Caller,
  accountId: string,
): Promise<ContactSummary[]> {
  const rows = await db
    .select()
    .from(contacts)
    .where(and(inTenant(contacts, caller), eq(contacts.accountId, accountId)))
    .orderBy(contacts.name);
  const staff = isInternal(caller);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    title: row.title,
    ...(staff ? { email: row.email, phone: row.phone } : {}),
  }));
}

/** Open deals at the account among the caller's pipeline: none for customers and partners. */
export async function loadOpenDeals(
  db: Database,
  caller: Caller,
  accountId: string,
): Promise<DealSummary[]> {
  const rows = await db
    .select()
    .from(deals)
    .where(
      and(
        visiblePipeline(deals, caller),
        eq(deals.accountId, accountId),
        notInArray(deals.stage, [...CLOSED_STAGES]),
      ),
    )
    .orderBy(desc(deals.updatedAt));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    stage: row.stage,
    amount: Number(row.amount),
    currency: row.currency,
    expectedClose: row.expectedClose,
    productLine: row.productLine,
  }));
}

// Limitation: contact-only activities logged by colleagues are left out, even for managers.
/**
 * Recent activities at the account that the caller may see: those on its visible leads
 * and deals, and those the caller logged with the account's contacts. Staff only.
 */
export async function loadRecentActivities(
  db: Database,
  caller: Caller,
  options: { accountId: string; now: Date; limit: number },
): Promise<ActivitySummary[]> {
  if (!isInternal(caller)) return [];

  const rows = await db
    .select({ activity: activities })
    .from(activities)
    .leftJoin(leads, eq(leads.id, activities.leadId))
    .leftJoin(deals, eq(deals.id, activities.dealId))
    .where(
      and(
        inTenant(activities, caller),
        lte(activities.occurredAt, options.now),
        visibleAtAccount(caller, options.accountId),
      ),
    )
    .orderBy(desc(activities.occurredAt))
    .limit(options.limit);
  return rows.map(({ activity }) => ({
    id: activity.id,
    kind: activity.kind,
    occurredAt: activity.occurredAt.toISOString(),
    subject: activity.subject,
    leadId: activity.leadId,
    dealId: activity.dealId,
  }));
}

function visibleAtAccount(caller: Caller, accountId: string): SQL {
  const accountContacts = sql`select ${contacts.id} from ${contacts}
    where ${contacts.tenantId} = ${caller.tenantId} and ${contacts.accountId} = ${accountId}`;
  return or(
    and(eq(leads.accountId, accountId), visiblePipeline(leads, caller)),
    and(eq(deals.accountId, accountId), visiblePipeline(deals, caller)),
    and(
      isNull(activities.leadId),
      isNull(activities.dealId),
      eq(activities.userId, caller.userId),
      sql`${activities.contactId} in (${accountContacts})`,
    ),
  ) as SQL;
}

/** The account's latest public signals: tenders, registry changes, news. */
export async function loadRecentSignals(
  db: Database,
  caller: Caller,
  options: { accountId: string; now: Date; limit: number },
): Promise<SignalSummary[]> {
  const rows = await db
    .select()
    .from(signals)
    .where(
      and(
        inTenant(signals, caller),
        eq(signals.accountId, options.accountId),
        lte(signals.publishedAt, options.now),
      ),
    )
    .orderBy(desc(signals.publishedAt))
    .limit(options.limit);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    publishedAt: row.publishedAt.toISOString(),
    sourceUrl: row.sourceUrl,
  }));
}

/** A signal cited as a record, with the URL it was published at. */
export function signalCitation(signal: SignalSummary): RecordCitation {
  return {
    kind: 'record',
    resourceType: 'signal',
    id: signal.id,
    title: signal.title,
    sourceUrl: signal.sourceUrl,
    locator: `published ${signal.publishedAt.slice(0, 10)}`,
  };
}

/**
 * Current documents for or about the account that the caller may read, each with a
 * citation of its opening passage.
 */
export async function loadAccountDocuments(
  db: Database,
  caller: Caller,
  accountId: string,
): Promise<{ documents: DocumentSummary[]; citations: KnowledgeCitation[] }> {
  const rows = await db
    .select({ document: documents, chunk: chunks })
    .from(documents)
    .innerJoin(chunks, and(eq(chunks.documentId, documents.id), eq(chunks.ordinal, 0)))
    .where(
      and(
        readableKnowledge(documents, caller),
        eq(documents.accountId, accountId),
        eq(documents.isCurrent, true),
      ),
    )
    .orderBy(documents.sourceId);
  return {
    documents: rows.map(({ document }) => ({
      documentId: document.id,
      sourceId: document.sourceId,
      title: document.title,
      type: document.type,
    })),
    citations: rows.map(({ document, chunk }) => documentCitation(document, chunk)),
  };
}

function documentCitation(
  document: typeof documents.$inferSelect,
  chunk: typeof chunks.$inferSelect,
): KnowledgeCitation {
  const place = { heading: chunk.heading, page: chunk.page, rowNumber: chunk.rowNumber };
  return {
    kind: 'knowledge',
    documentId: document.id,
    chunkId: chunk.id,
    sourceId: document.sourceId,
    title: document.title,
    locator: locatorOf(place),
    ...place,
    version: document.version,
    effectiveFrom: document.effectiveFrom,
    effectiveTo: document.effectiveTo,
    snippet: chunk.text.replace(/\s+/g, ' ').trim().slice(0, 160),
  };
}

/** Ids grouped by record type, for one audit entry that lists what a tool read. */
export function readIds(groups: Record<string, { id: string }[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(groups).map(([type, rows]) => [type, rows.map((row) => row.id)]),
  );
}
