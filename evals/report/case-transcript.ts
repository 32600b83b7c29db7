import type { TurnObservation } from '../checks/turn-observation.ts';
import { sourceIdOf } from '../checks/turn-observation.ts';
import type { CaseRun } from '../run-suite.ts';
import { escapeHtml } from './escape-html.ts';

type TurnVerdicts = NonNullable<CaseRun['verdict']>['turns'];
type ToolCall = TurnObservation['result']['toolCalls'][number];

// Limitation: tool outputs are cut to keep the page small; the JSON run has them whole.
/** Characters of a tool's full output shown before it is cut. */
const OUTPUT_LIMIT = 4_000;

/**
 * One case run as a collapsible transcript: each turn's user message, tool calls with their
 * arguments, citations and answer, the checks with what they expected and got, and the
 * error that stopped the run. Runs that did not pass start open.
 */
export function renderCaseTranscript(options: { suite: string; run: CaseRun }): string {
  const { run } = options;
  const userTurns = run.turns ?? [];
  const turnCount = Math.max(userTurns.length, run.observations.length);
  const turns = Array.from({ length: turnCount }, (_, index) =>
    renderTurn({
      number: index + 1,
      userText: userTurns[index],
      observation: run.observations[index],
      verdicts: run.verdict?.turns ?? [],
    }),
  );

  return [
    `<details class="case ${run.status}"${run.status === 'passed' ? '' : ' open'}>`,
    `<summary>${summaryLine(options.suite, run)}</summary>`,
    `<ol class="turns">${turns.join('')}</ol>`,
    renderJudgement(run.judgement),
    run.error === undefined ? '' : `<p class="error">Error: ${escapeHtml(run.error)}</p>`,
    '</details>',
  ].join('');
}

function summaryLine(suite: string, run: CaseRun): string {
  const attempts = run.attempts === 1 ? '1 attempt' : `${run.attempts} attempts`;
  return [
    `<span class="badge ${run.status}">${run.status}</span> `,
    `<code>${escapeHtml(suite)}/${escapeHtml(run.caseId)}</code>`,
    ` <span class="muted">run ${run.repeat} · ${attempts}</span>`,
  ].join('');
}

function renderTurn(options: {
  number: number;
  userText: string | undefined;
  observation: TurnObservation | undefined;
  verdicts: TurnVerdicts;
}): string {
  const { observation } = options;
  const verdict = options.verdicts.find((candidate) => candidate.turn === options.number);
  const user = options.userText ?? '(the user message was not recorded in this run)';

  return [
    '<li class="turn">',
    `<div class="user"><span class="who">User</span>${paragraph(user)}</div>`,
    observation ? renderObservation(observation) : '<p class="muted">Not answered.</p>',
    verdict ? renderChecks(verdict.checks) : '',
    '</li>',
  ].join('');
}

function renderObservation(observation: TurnObservation): string {
  const { result } = observation;
  const facts = [
    result.model,
    result.fallback ? 'fallback' : '',
    observation.latencyMs === undefined ? '' : `${observation.latencyMs} ms`,
    `${result.usage.promptTokens + result.usage.completionTokens} tokens`,
  ].filter(Boolean);

  return [
    result.toolCalls.length
      ? `<ul class="tools">${result.toolCalls.map(toolCall).join('')}</ul>`
      : '',
    renderToolOutputs(observation),
    '<div class="answer">',
    `<span class="who">Assistant <span class="muted">${escapeHtml(facts.join(' · '))}</span>`,
    '</span>',
    paragraph(result.message.text),
    renderCitations(observation),
    '</div>',
  ].join('');
}

function toolCall(call: ToolCall): string {
  const outcome =
    call.error !== undefined
      ? `<span class="bad">error: ${escapeHtml(call.error)}</span>`
      : call.result === undefined
        ? ''
        : escapeHtml(typeof call.result === 'string' ? call.result : JSON.stringify(call.result));
  return [
    `<li><span class="who">Tool</span> <code>${escapeHtml(call.name)}</code>`,
    `<pre>${escapeHtml(JSON.stringify(call.arguments, null, 2) ?? 'undefined')}</pre>`,
    outcome ? `<div class="tool-result">→ ${outcome}</div>` : '',
    '</li>',
  ].join('');
}

function renderToolOutputs(observation: TurnObservation): string {
  const outputs = observation.toolOutputs ?? [];
  if (outputs.length === 0) return '';
  const items = outputs.map((output) => {
    const cut = output.content.length > OUTPUT_LIMIT;
    const shown = cut ? `${output.content.slice(0, OUTPUT_LIMIT)}…` : output.content;
    return `<li><code>${escapeHtml(output.name)}</code><pre>${escapeHtml(shown)}</pre></li>`;
  });
  return [
    `<details class="outputs"><summary>Tool outputs (${outputs.length})</summary>`,
    `<ul>${items.join('')}</ul></details>`,
  ].join('');
}

function renderCitations(observation: TurnObservation): string {
  const { citations } = observation.result.message;
  if (citations.length === 0) return '';
  const items = citations.map((citation) => {
    const where = [citation.locator, sourceIdOf(citation)].filter(Boolean).join(' · ');
    const title = `[${citation.n}] ${escapeHtml(citation.title)}`;
    return `<li>${title} <span class="muted">${escapeHtml(where)}</span></li>`;
  });
  return `<ul class="citations">${items.join('')}</ul>`;
}

function renderChecks(checks: TurnVerdicts[number]['checks']): string {
  if (checks.length === 0) return '';
  const rows = checks.map(
    (check) =>
      `<tr class="${check.passed ? 'ok' : 'bad'}"><td>${escapeHtml(check.check)}</td>` +
      `<td>${check.passed ? 'pass' : 'FAIL'}</td><td>${escapeHtml(check.detail)}</td></tr>`,
  );
  return [
    '<table class="checks"><thead><tr><th>check</th><th>verdict</th>',
    '<th>expected versus got</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
  ].join('');
}

function renderJudgement(judgement: CaseRun['judgement']): string {
  if (!judgement) return '';
  const verdict =
    judgement.error !== undefined
      ? `<span class="bad">judge error: ${escapeHtml(judgement.error)}</span>`
      : judgement.passed
        ? 'pass'
        : '<span class="bad">FAIL</span>';
  const turns = judgement.turns.map(
    (turn) =>
      `<li>Turn ${turn.turn}: ${turn.passed ? 'pass' : 'FAIL'}` +
      `<div class="muted">Rubric: ${escapeHtml(turn.rubric)}</div>` +
      `<div class="text">${escapeHtml(turn.reasoning)}</div></li>`,
  );
  return [
    `<div class="judgement"><span class="who">Judge <code>${escapeHtml(judgement.model)}</code>`,
    `</span> ${verdict}<ul>${turns.join('')}</ul></div>`,
  ].join('');
}

function paragraph(text: string): string {
  return `<div class="text">${escapeHtml(text)}</div>`;
}
