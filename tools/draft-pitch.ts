import { z } from 'zod';
import { requireRole } from '../auth/require-role.ts';
import { type SearchResult, searchKnowledge } from '../knowledge/hybrid-search.ts';
import { NotFoundError } from '../lib/errors.ts';
import { loadContacts, loadRecentSignals, signalCitation } from './account-records.ts';
import { type ClaimCheck, checkReimbursementClaims } from './check-reimbursement-claims.ts';
import { accountCitation } from './get-account-overview.ts';
import { callerToday, lookupPolicy, type PolicyRule } from './lookup-policy.ts';
import {
  filingSection,
  goalSection,
  greetingSection,
  nextStepSection,
  type PitchLanguage,
  type PitchSection,
  policySection,
  renderPitch,
  signalSection,
} from './pitch-sections.ts';
import { type AccountRow, accountName, resolveAccount } from './resolve-account.ts';
import {
  citationKey,
  knowledgeCitation,
  type ToolCitation,
  uniqueCitations,
} from './tool-citation.ts';
import {
  STAFF_ROLES,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
} from './tool-definition.ts';

/** A playbook or talk-track passage for the rep to follow; never part of the customer text. */
export interface PitchGuidance {
  title: string;
  section: string | null;
  text: string;
  citationKey: string;
}

/** A pitch draft grounded on the account's records, with its reimbursement claims checked. */
export interface PitchDraft {
  account: { id: string; name: string; region: string };
  format: 'email' | 'call_outline';
  language: PitchLanguage;
  subject: string | null;
  sections: PitchSection[];
  /** The sections as one text, ready to edit. */
  text: string;
  guidance: PitchGuidance[];
  /** Every reimbursement ratio in the text, checked against the policy table. */
  policyCheck: ClaimCheck[];
}

const SIGNALS_USED = 2;
const GUIDANCE_USED = 2;

const input = z.object({
  account: z
    .string()
    .min(1)
    .max(200)
    .describe('Account id, or its name in Chinese or English, e.g. 东浦医院'),
  goal: z
    .string()
    .min(1)
    .max(500)
    .describe(
      'What the pitch should achieve, e.g. "book a demo of the HK-M8 monitor for the new ICU"',
    ),
  format: z.enum(['email', 'call_outline']).describe('An email, or an outline for a call'),
  language: z.enum(['zh', 'en']).describe('Language of the draft: zh or en'),
  product: z
    .string()
    .optional()
    .describe('Product code or name to state the reimbursement rule for, if any'),
});

/** Arguments of draft_pitch. */
export type DraftPitchInput = z.infer<typeof input>;

// Limitation: the prose is a fixed template per language; the model is expected to rewrite it.
// Limitation: the policy rule is stated only for a product named in the request.
/** Drafts a pitch grounded on the account's signals, filings and playbooks. Staff only. */
export const draftPitchTool: ToolDefinition<DraftPitchInput, PitchDraft> = {
  name: 'draft_pitch',
  description:
    "Draft a pitch email or call outline for an account, grounded on the account's recent " +
    'signals and filings, with the reimbursement rule for a product when one is named, and ' +
    'playbook guidance for the rep. Every fact carries a citation and every reimbursement ' +
    'ratio is checked against the policy table: tell the user about any contradicted claim. ' +
    'Goal and account may be written in Chinese or English. For staff only.',
  input,
  roles: STAFF_ROLES,
  kind: 'read',
  run: runDraftPitch,
};

async function runDraftPitch(
  context: ToolContext,
  request: DraftPitchInput,
): Promise<ToolResult<PitchDraft>> {
  requireRole(context.caller, STAFF_ROLES, 'draft pitches');
  const account = await resolveAccount(context.db, context.caller, request.account);

  const grounding = await loadGrounding(context, account, request);
  const sections = composeSections(account, request, grounding);
  const text = renderPitch(sections, request);
  const policyCheck = await checkReimbursementClaims(context.db, context.caller, {
    text,
    region: account.region,
    now: context.now,
  });

  const checkCitations = policyCheck.flatMap((check) => (check.citation ? [check.citation] : []));
  const draft: PitchDraft = {
    account: { id: account.id, name: accountName(account), region: account.region },
    format: request.format,
    language: request.language,
    subject: request.format === 'email' ? subjectOf(account, request) : null,
    sections,
    text,
    guidance: grounding.guidance.map(toGuidance),
    policyCheck,
  };
  const contradicted = policyCheck.filter((check) => check.verdict === 'contradicted').length;
  return {
    data: draft,
    citations: uniqueCitations([...grounding.citations, ...checkCitations]),
    summary:
      `draft_pitch for ${accountName(account)}: ${sections.length} section(s), ` +
      `${contradicted} contradicted claim(s)`,
    reads: [
      {
        resourceType: 'account',
        resourceId: account.id,
        details: { signals: grounding.signals.map((signal) => signal.id) },
      },
    ],
  };
}

/** What a draft may rest on, every piece with its citation. */
interface Grounding {
  contact: Awaited<ReturnType<typeof loadContacts>>[number] | undefined;
  signals: Awaited<ReturnType<typeof loadRecentSignals>>;
  filing: SearchResult | undefined;
  rule: PolicyRule | undefined;
  guidance: SearchResult[];
  citations: ToolCitation[];
}

async function loadGrounding(
  context: ToolContext,
  account: AccountRow,
  request: DraftPitchInput,
): Promise<Grounding> {
  const { db, caller, now } = context;
  const [contact] = await loadContacts(db, caller, account.id);
  const signals = await loadRecentSignals(db, caller, {
    accountId: account.id,
    now,
    limit: SIGNALS_USED,
  });
  const [filing] = await searchKnowledge(context, caller, {
    query: `${accountName(account)} ${request.goal}`,
    k: 1,
    filters: { types: ['filing'], accountId: account.id },
  });
  const guidance = await searchKnowledge(context, caller, {
    query: `${request.goal} ${account.industry}`,
    k: GUIDANCE_USED,
    filters: { types: ['playbook', 'talk_track'] },
  });
  const rule = request.product
    ? await ruleIfAny(() =>
        lookupPolicy(db, caller, {
          product: request.product as string,
          region: account.region,
          date: callerToday(caller, now),
        }),
      )
    : undefined;

  const citations: ToolCitation[] = [
    accountCitation(account),
    ...signals.map(signalCitation),
    ...(filing ? [knowledgeCitation(filing.citation)] : []),
    ...(rule ? [rule.citation] : []),
    ...guidance.map((result) => knowledgeCitation(result.citation)),
  ];
  return { contact, signals, filing, rule, guidance, citations };
}

/** The reimbursement rule, or undefined when the product has none in the region. */
async function ruleIfAny(lookup: () => Promise<PolicyRule>): Promise<PolicyRule | undefined> {
  try {
    return await lookup();
  } catch (error) {
    if (error instanceof NotFoundError && error.code === 'policy_not_found') return undefined;
    throw error;
  }
}

function composeSections(
  account: AccountRow,
  request: DraftPitchInput,
  grounding: Grounding,
): PitchSection[] {
  const { language } = request;
  const sections: PitchSection[] = [
    greetingSection({ language, accountName: accountName(account), contact: grounding.contact }),
  ];
  for (const signal of grounding.signals) {
    sections.push(
      signalSection(signal, { language, citationKey: citationKey(signalCitation(signal)) }),
    );
  }
  if (grounding.filing) {
    const citation = knowledgeCitation(grounding.filing.citation);
    sections.push(filingSection(citation, { language, citationKey: citationKey(citation) }));
  }
  sections.push(goalSection(request.goal, { language }));
  if (grounding.rule) {
    sections.push(
      policySection(grounding.rule, {
        language,
        citationKey: citationKey(grounding.rule.citation),
      }),
    );
  }
  sections.push(nextStepSection({ language, format: request.format }));
  return sections;
}

function subjectOf(account: AccountRow, request: DraftPitchInput): string {
  return request.language === 'zh'
    ? `关于${accountName(account)}：${request.goal}`
    : `${account.nameEn ?? accountName(account)}: ${request.goal}`;
}

function toGuidance(result: SearchResult): PitchGuidance {
  const citation = knowledgeCitation(result.citation);
  return {
    title: citation.title,
    section: citation.heading,
    text: result.text,
    citationKey: citationKey(citation),
  };
}
