import { and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Caller } from '../auth/caller.ts';
import { inTenant, readableKnowledge } from '../auth/scope.ts';
import type { Database } from '../db/client.ts';
import { chunks, documents, reimbursementPolicies } from '../db/schema/index.ts';
import { locatorOf, snippetOf } from '../knowledge/citation.ts';
import { NotFoundError } from '../lib/errors.ts';
import { canonicalRegion } from './region-names.ts';
import { resolveProduct } from './resolve-product.ts';
import type { ToolCitation } from './tool-citation.ts';
import {
  ALL_ROLES,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
} from './tool-definition.ts';

/** The policy table every rule comes from when it names no source document of its own. */
export const POLICY_TABLE_SOURCE_ID = 'policy/reimbursement-table';

/** The reimbursement rule in effect for a product in a region on a day. */
export interface PolicyRule {
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  region: string;
  /** Share of the cost insurance pays, 0 to 1. */
  reimbursementRatio: number;
  category: string | null;
  conditions: string;
  requiredMaterials: string[];
  effectiveFrom: string;
  effectiveTo: string | null;
  version: number;
  /** The day the rule was looked up for (YYYY-MM-DD). */
  asOf: string;
  citation: ToolCitation;
}

export interface LookupPolicyOptions {
  /** A product code or a product name, Chinese or English. */
  product: string;
  /** A region in English or Chinese, e.g. Shanghai or 上海. */
  region: string;
  /** YYYY-MM-DD. */
  date: string;
}

/**
 * The rule in effect on the date for the product and region; when versions overlap the
 * newest wins. Throws NotFoundError naming the regions that do have rules.
 */
export async function lookupPolicy(
  db: Database,
  caller: Caller,
  options: LookupPolicyOptions,
): Promise<PolicyRule> {
  const product = await resolveProduct(db, caller, options.product);
  const region = canonicalRegion(options.region);
  const [rule] = await db
    .select()
    .from(reimbursementPolicies)
    .where(
      and(
        inTenant(reimbursementPolicies, caller),
        eq(reimbursementPolicies.productCode, product.code),
        sql`lower(${reimbursementPolicies.region}) = lower(${region})`,
        lte(reimbursementPolicies.effectiveFrom, options.date),
        or(
          isNull(reimbursementPolicies.effectiveTo),
          gte(reimbursementPolicies.effectiveTo, options.date),
        ),
      ),
    )
    .orderBy(desc(reimbursementPolicies.version), desc(reimbursementPolicies.effectiveFrom))
    .limit(1);
  if (!rule)
    throw await noRuleError(db, caller, { code: product.code, region, date: options.date });

  return {
    productCode: product.code,
    productNameZh: product.nameZh,
    productNameEn: product.nameEn,
    region: rule.region,
    reimbursementRatio: Number(rule.reimbursementRatio),
    category: rule.category,
    conditions: rule.conditions,
    requiredMaterials: rule.requiredMaterials,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo,
    version: rule.version,
    asOf: options.date,
    citation: await policyCitation(db, caller, rule),
  };
}

async function noRuleError(
  db: Database,
  caller: Caller,
  wanted: { code: string; region: string; date: string },
): Promise<NotFoundError> {
  const rows = await db
    .selectDistinct({ region: reimbursementPolicies.region })
    .from(reimbursementPolicies)
    .where(
      and(
        inTenant(reimbursementPolicies, caller),
        eq(reimbursementPolicies.productCode, wanted.code),
      ),
    )
    .orderBy(asc(reimbursementPolicies.region));
  const regions = rows.map((row) => row.region);
  const known = regions.some((region) => region.toLowerCase() === wanted.region.toLowerCase());
  const message = known
    ? `No rule for ${wanted.code} in ${wanted.region} is in effect on ${wanted.date}; ` +
      'try another date.'
    : `No reimbursement rule for ${wanted.code} in "${wanted.region}". ` +
      (regions.length > 0
        ? `Regions with rules for it: ${regions.join(', ')}.`
        : 'It has no rules in any region.');
  return new NotFoundError({
    code: 'policy_not_found',
    message,
    details: { field: 'region', productCode: wanted.code, regions },
  });
}

type PolicyRow = typeof reimbursementPolicies.$inferSelect;

// Limitation: rules without a source document cite the current policy table, even for old versions.
/**
 * Cites the rule's own source document, else the row of the current policy table that
 * holds it, else the rule itself as a record.
 */
async function policyCitation(
  db: Database,
  caller: Caller,
  rule: PolicyRow,
): Promise<ToolCitation> {
  const document = rule.sourceDocumentId
    ? eq(documents.id, rule.sourceDocumentId)
    : and(eq(documents.sourceId, POLICY_TABLE_SOURCE_ID), eq(documents.isCurrent, true));
  const rows = await db
    .select({ chunk: chunks, document: documents })
    .from(chunks)
    .innerJoin(documents, eq(documents.id, chunks.documentId))
    .where(and(readableKnowledge(documents, caller), document))
    .orderBy(asc(chunks.ordinal))
    .limit(MAX_TABLE_CHUNKS);
  const row = rows.find((candidate) => holdsRule(candidate.chunk.text, rule)) ?? rows[0];
  if (!row) return ruleAsRecord(rule);

  const place = {
    heading: row.chunk.heading,
    page: row.chunk.page,
    rowNumber: row.chunk.rowNumber,
  };
  return {
    kind: 'knowledge',
    documentId: row.document.id,
    chunkId: row.chunk.id,
    sourceId: row.document.sourceId,
    title: row.document.title,
    locator: locatorOf(place),
    ...place,
    version: row.document.version,
    effectiveFrom: row.document.effectiveFrom,
    effectiveTo: row.document.effectiveTo,
    snippet: snippetOf(row.chunk.text, [rule.productCode.toLowerCase()]),
  };
}

const MAX_TABLE_CHUNKS = 500;

/** True when one line of the chunk names both the rule's product code and its region. */
function holdsRule(text: string, rule: PolicyRow): boolean {
  const region = rule.region.toLowerCase();
  return text
    .split('\n')
    .some((line) => line.includes(rule.productCode) && line.toLowerCase().includes(region));
}

function ruleAsRecord(rule: PolicyRow): ToolCitation {
  return {
    kind: 'record',
    resourceType: 'policy',
    id: rule.id,
    title: `Reimbursement rule ${rule.productCode} ${rule.region} v${rule.version}`,
    sourceUrl: null,
    locator: `effective from ${rule.effectiveFrom}`,
  };
}

/** Today in the caller's time zone, YYYY-MM-DD. */
export function callerToday(caller: Caller, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: caller.timeZone || 'UTC' }).format(now);
}

const input = z.object({
  product: z
    .string()
    .min(1)
    .describe('Insurance code (e.g. C0212040010000910017) or product name in Chinese or English'),
  region: z
    .string()
    .min(1)
    .describe('Province or municipality, in English or Chinese, e.g. Shanghai or 上海'),
  date: z.iso
    .date()
    .optional()
    .describe('The day the rule should be in effect on, YYYY-MM-DD; default today'),
});

/** Arguments of lookup_policy. */
export type LookupPolicyInput = z.infer<typeof input>;

/** Looks up the reimbursement rule in effect, with its source. Public data: every role. */
export const lookupPolicyTool: ToolDefinition<LookupPolicyInput, Omit<PolicyRule, 'citation'>> = {
  name: 'lookup_policy',
  description:
    'Look up the medical-insurance reimbursement rule for a product in a region: ratio, ' +
    'category (甲类/乙类), conditions, required materials, effective dates and version. Use ' +
    'it whenever a reimbursement ratio or condition is asked about or about to be stated; ' +
    'never state a ratio from memory. Product and region may be given in Chinese or English.',
  input,
  roles: ALL_ROLES,
  kind: 'read',
  run: runLookupPolicy,
};

async function runLookupPolicy(
  context: ToolContext,
  request: LookupPolicyInput,
): Promise<ToolResult<Omit<PolicyRule, 'citation'>>> {
  const date = request.date ?? callerToday(context.caller, context.now);
  const { citation, ...rule } = await lookupPolicy(context.db, context.caller, {
    product: request.product,
    region: request.region,
    date,
  });
  const percent = Math.round(rule.reimbursementRatio * 1000) / 10;
  return {
    data: rule,
    citations: [citation],
    summary: `${rule.productCode} in ${rule.region} on ${date}: ${percent}% (v${rule.version})`,
  };
}
