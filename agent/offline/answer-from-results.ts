import type { ToolCitation } from '../../tools/tool-citation.ts';
import { answerAccount } from './answer-account.ts';
import { answerError } from './answer-error.ts';
import { answerPitch } from './answer-pitch.ts';
import { answerPolicy } from './answer-policy.ts';
import { answerScore } from './answer-score.ts';
import { answerSearch } from './answer-search.ts';
import { answerTalkTracks } from './answer-talk-tracks.ts';
import { answerWrite } from './answer-write.ts';
import { CitationNumbers } from './citation-numbers.ts';
import { type AnswerLanguage, messageLanguage } from './message-language.ts';
import { noAnswer } from './no-answer.ts';
import { OFFLINE_NOTE } from './offline-replies.ts';
import { withoutInstructions } from './quote-sentences.ts';
import type { RenderContext, ResultRenderer } from './render-context.ts';
import type { ToolOutcome, ToolSuccess } from './tool-outcomes.ts';

const RENDERERS: Record<string, ResultRenderer> = {
  search_knowledge: answerSearch,
  lookup_policy: answerPolicy,
  get_account_overview: answerAccount,
  draft_pitch: answerPitch,
  score_lead: answerScore,
  recommend_talk_tracks: answerTalkTracks,
  log_activity: answerWrite,
  create_follow_up: answerWrite,
};

/** Longest stretch of an unknown tool's text result that is quoted. */
const MAX_PLAIN_RESULT = 600;

/** The tool outcomes of a turn and the question they answer. */
export interface AnswerOptions {
  outcomes: readonly ToolOutcome[];
  /** The user's message the tools were called for. */
  question: string;
}

/**
 * The final answer of a turn, written only from the tool results: each result condensed
 * in the user's language with [n] markers for its citations, errors said plainly, then
 * the sources the markers point to, after the offline note.
 */
export function answerFromResults(options: AnswerOptions): string {
  const language = messageLanguage(options.question);
  const citations = new CitationNumbers(
    options.outcomes.flatMap((outcome) => (outcome.ok ? outcome.citations : [])),
  );
  const context: RenderContext = { language, question: options.question, citations };

  const parts = options.outcomes.map((outcome) =>
    outcome.ok ? renderSuccess(outcome, context) : answerError(outcome, language),
  );
  if (parts.length === 0) parts.push(noAnswer(language));

  const sources = sourceList({ parts, citations, language });
  return [OFFLINE_NOTE, ...parts, ...(sources ? [sources] : [])].join('\n\n');
}

function renderSuccess(result: ToolSuccess, context: RenderContext): string {
  const rendered = RENDERERS[result.tool]?.(result, context);
  if (rendered !== undefined) return rendered;

  const markers = result.citations.map((citation) => context.citations.marker(citation)).join('');
  const text =
    typeof result.data === 'string'
      ? withoutInstructions(result.data).slice(0, MAX_PLAIN_RESULT)
      : (result.summary ?? '');
  return text === '' ? noAnswer(context.language) : `${text} ${markers}`.trimEnd();
}

/** The citations the answer's markers point to, numbered as in the text. */
function sourceList(options: {
  parts: readonly string[];
  citations: CitationNumbers;
  language: AnswerLanguage;
}): string | undefined {
  const used = new Set(
    [...options.parts.join('\n').matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])),
  );
  const lines = options.citations.all.flatMap((citation, index) =>
    used.has(index + 1) ? [`[${index + 1}] ${describe(citation)}`] : [],
  );
  if (lines.length === 0) return undefined;
  return [options.language === 'zh' ? '来源：' : 'Sources:', ...lines].join('\n');
}

function describe(citation: ToolCitation): string {
  const place = 'locator' in citation && citation.locator ? ` — ${citation.locator}` : '';
  return `${citation.title}${place}`;
}
