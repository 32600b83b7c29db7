import { and, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { requireRole } from '../auth/require-role.ts';
import { readableKnowledge } from '../auth/scope.ts';
import { documents } from '../db/schema/index.ts';
import { type SearchResult, searchKnowledge } from '../knowledge/hybrid-search.ts';
import { assertAccountVisible } from './resolve-account.ts';
import { knowledgeCitation } from './tool-citation.ts';
import {
  STAFF_ROLES,
  type ToolContext,
  type ToolDefinition,
  type ToolResult,
} from './tool-definition.ts';

/** One recommended talk track or playbook section. */
export interface TalkTrack {
  title: string;
  section: string;
  /** The situation the section is written for, from its heading. */
  whenToUse: string;
  text: string;
  sourceId: string;
  type: 'talk_track' | 'playbook';
}

const RECOMMENDED = 3;
const CANDIDATES = 12;

const input = z.object({
  situation: z
    .string()
    .min(1)
    .max(2_000)
    .describe(
      'The sales situation in the rep\'s words, Chinese or English, e.g. "客户说今年没有预算"',
    ),
  accountId: z
    .uuid()
    .optional()
    .describe('The account the situation is about (its id), to fit the advice to its kind'),
});

/** Arguments of recommend_talk_tracks. */
export type RecommendTalkTracksInput = z.infer<typeof input>;

/** The three talk tracks or playbook sections that best fit a situation. Staff only. */
export const recommendTalkTracksTool: ToolDefinition<RecommendTalkTracksInput, TalkTrack[]> = {
  name: 'recommend_talk_tracks',
  description:
    'Recommend the three talk tracks or playbook sections that best fit a sales situation ' +
    '(an objection, a tender, a new campus, a price push), each with when to use it and a ' +
    'citation. Describe the situation in Chinese or English. For staff only.',
  input,
  roles: STAFF_ROLES,
  kind: 'read',
  run: runRecommendTalkTracks,
};

async function runRecommendTalkTracks(
  context: ToolContext,
  request: RecommendTalkTracksInput,
): Promise<ToolResult<TalkTrack[]>> {
  requireRole(context.caller, STAFF_ROLES, 'get talk-track recommendations');
  const query = await situationQuery(context, request);

  const results = await searchKnowledge(context, context.caller, {
    query,
    k: CANDIDATES,
    filters: { types: ['talk_track', 'playbook'] },
  });
  const picked = bestSections(results);
  const types = await documentTypes(context, picked);

  return {
    data: picked.map((result) => toTalkTrack(result, types.get(result.documentId))),
    citations: picked.map((result) => knowledgeCitation(result.citation)),
    summary: `recommend_talk_tracks picked ${picked.length} section(s)`,
  };
}

/** The situation, plus the account's industry when one is named. */
async function situationQuery(
  context: ToolContext,
  request: RecommendTalkTracksInput,
): Promise<string> {
  if (!request.accountId) return request.situation;

  const account = await assertAccountVisible(context.db, context.caller, request.accountId);
  return `${request.situation} ${account.industry}`;
}

/** The best-ranked passages, one per section, at most RECOMMENDED. */
function bestSections(results: SearchResult[]): SearchResult[] {
  const seen = new Set<string>();
  const picked: SearchResult[] = [];
  for (const result of results) {
    const key = `${result.documentId}:${result.citation.heading ?? result.chunkId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push(result);
    if (picked.length === RECOMMENDED) break;
  }
  return picked;
}

/** The type of each picked document, read within the caller's scope. */
async function documentTypes(
  context: ToolContext,
  results: SearchResult[],
): Promise<Map<string, string>> {
  if (results.length === 0) return new Map();

  const rows = await context.db
    .select({ id: documents.id, type: documents.type })
    .from(documents)
    .where(
      and(
        readableKnowledge(documents, context.caller),
        inArray(
          documents.id,
          results.map((result) => result.documentId),
        ),
      ),
    );
  return new Map(rows.map((row) => [row.id, row.type]));
}

function toTalkTrack(result: SearchResult, type: string | undefined): TalkTrack {
  const section = lastHeading(result.citation.heading) ?? result.citation.title;
  return {
    title: result.citation.title,
    section,
    whenToUse: whenToUse(section),
    text: result.text,
    sourceId: result.sourceId,
    type: type === 'talk_track' ? 'talk_track' : 'playbook',
  };
}

/** The innermost heading of a heading path such as `Title > Section`. */
function lastHeading(heading: string | null): string | undefined {
  const parts = heading
    ?.split(/\s*[>›»/]\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  return parts?.at(-1);
}

/**
 * The situation a section is for, in the section's language: a quoted objection becomes
 * "when the customer says …"; a step or topic heading is kept without its number.
 */
function whenToUse(section: string): string {
  const quoted = /[“"「](.+?)[”"」]/.exec(section)?.[1];
  const chinese = /\p{Script=Han}/u.test(section);
  if (quoted) return chinese ? `客户说“${quoted}”时` : `When the customer says "${quoted}"`;
  const topic = section.replace(/^(第.+?步|异议\s*\d+|\d+\.)\s*[：:.]?\s*/, '').trim() || section;
  return chinese ? `适用场景：${topic}` : `When the conversation is about: ${topic}`;
}
