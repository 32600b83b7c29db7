import { AIMessage, type BaseMessage, HumanMessage, ToolMessage } from '@langchain/core/messages';
import type { AccountNames } from './account-mentions.ts';
import { answerFromResults } from './answer-from-results.ts';
import { greetingReply } from './offline-replies.ts';
import { type PlannedToolCall, planToolCalls, type TurnPlan } from './plan-tool-calls.ts';
import { contentText, readToolOutcomes } from './tool-outcomes.ts';

/** What the offline model says next: words, tool calls, or both empty-handed. */
export interface OfflineReply {
  text: string;
  toolCalls: PlannedToolCall[];
}

/** The conversation so far and what the offline model knows beside it. */
export interface OfflineReplyOptions {
  messages: readonly BaseMessage[];
  boundTools: readonly string[];
  accountNames: readonly AccountNames[];
  now: Date;
  utcOffsetMinutes: number;
}

/**
 * The offline model's next message. After the user's message it calls tools (only the
 * user's words decide which); after tool results it answers from them and calls nothing,
 * whatever the results say.
 */
export function offlineReply(options: OfflineReplyOptions): OfflineReply {
  const last = options.messages.at(-1);
  if (last !== undefined && ToolMessage.isInstance(last)) {
    const outcomes = readToolOutcomes(options.messages);
    const question = humanTexts(options.messages).at(-1) ?? '';
    return { text: answerFromResults({ outcomes, question }), toolCalls: [] };
  }
  if (last !== undefined && HumanMessage.isInstance(last)) return replyToUser(options);
  return { text: greetingReply(options.boundTools), toolCalls: [] };
}

function replyToUser(options: OfflineReplyOptions): OfflineReply {
  const text = contentText(options.messages.at(-1)?.content ?? '');
  const plan = planFor(options, text);
  const chosen =
    plan.kind === 'tool_calls' && plan.fallback
      ? (completedClarification(options, text) ?? plan)
      : plan;
  return chosen.kind === 'tool_calls'
    ? { text: '', toolCalls: chosen.calls }
    : { text: chosen.text, toolCalls: [] };
}

// Limitation: only the turn right after a clarifying question is read together with it.
/**
 * When the assistant just asked for a missing fact and this message gives it ("上海"),
 * the plan of the earlier request with the fact added.
 */
function completedClarification(options: OfflineReplyOptions, text: string): TurnPlan | undefined {
  const [previousAnswer, previousQuestion] = options.messages.slice(-3, -1).reverse();
  if (previousAnswer === undefined || previousQuestion === undefined) return undefined;
  if (!AIMessage.isInstance(previousAnswer) || (previousAnswer.tool_calls?.length ?? 0) > 0) {
    return undefined;
  }
  if (!HumanMessage.isInstance(previousQuestion)) return undefined;

  const earlier = contentText(previousQuestion.content);
  const before = planFor(options, earlier);
  if (before.kind !== 'reply' || !before.clarifying) return undefined;

  const merged = planFor(options, `${earlier}\n${text}`);
  return merged.kind === 'tool_calls' && !merged.fallback ? merged : undefined;
}

function planFor(options: OfflineReplyOptions, text: string): TurnPlan {
  return planToolCalls({
    text,
    boundTools: options.boundTools,
    accountNames: options.accountNames,
    now: options.now,
    utcOffsetMinutes: options.utcOffsetMinutes,
  });
}

function humanTexts(messages: readonly BaseMessage[]): string[] {
  return messages
    .filter((message) => HumanMessage.isInstance(message))
    .map((message) => contentText(message.content));
}
