import type { AccountNames } from './account-mentions.ts';
import { confidentialRefusal } from './confidential-request.ts';
import { extractEntities, type MessageEntities } from './entities.ts';
import { detectIntents, type ToolIntent } from './intent.ts';
import { clarifyingQuestion, greetingReply } from './offline-replies.ts';
import { type ArgumentsOutcome, type ToolArguments, toolArguments } from './tool-arguments.ts';

/** A tool call the offline model decided on. */
export interface PlannedToolCall {
  name: string;
  args: ToolArguments;
}

/** What the offline model does with a user's message: call tools, or reply in words. */
export type TurnPlan =
  | {
      kind: 'tool_calls';
      calls: PlannedToolCall[];
      /** True when nothing more specific applied and the message went to search. */
      fallback: boolean;
    }
  | { kind: 'reply'; text: string; clarifying: boolean };

/** A user's message and what the plan may use: bound tools, account names, time. */
export interface PlanOptions {
  /** The user's message. */
  text: string;
  /** Names of the tools bound to the model; only these are ever called. */
  boundTools: readonly string[];
  accountNames: readonly AccountNames[];
  now: Date;
  utcOffsetMinutes: number;
}

/** Most tool calls one message leads to. */
const MAX_CALLS = 3;

/**
 * Decides what to do with a user's message: call the bound tools its intents need, ask
 * for a missing fact, greet, or search the knowledge base with the message.
 */
export function planToolCalls(options: PlanOptions): TurnPlan {
  const intents = detectIntents(options.text);
  if (intents[0] === 'greeting') {
    return { kind: 'reply', text: greetingReply(options.boundTools), clarifying: false };
  }

  const entities = extractEntities(options.text, options.accountNames);
  const refusal = confidentialRefusal({ ...options, language: entities.language });
  if (refusal) return { kind: 'reply', text: refusal, clarifying: false };

  const specific = intents.filter(
    (intent): intent is ToolIntent =>
      intent !== 'greeting' && intent !== 'search_knowledge' && options.boundTools.includes(intent),
  );
  const outcomes = specific.map((intent) => ({
    intent,
    outcome: outcomeOf(intent, options, entities),
  }));

  const calls = outcomes.flatMap(({ intent, outcome }) =>
    'arguments' in outcome ? [{ name: intent, args: outcome.arguments }] : [],
  );
  if (calls.length > 0)
    return { kind: 'tool_calls', calls: calls.slice(0, MAX_CALLS), fallback: false };

  const unanswered = outcomes.find(({ outcome }) => 'missing' in outcome)?.outcome;
  if (unanswered !== undefined && 'missing' in unanswered) {
    const text = clarifyingQuestion({ ...unanswered, language: entities.language });
    return { kind: 'reply', text, clarifying: true };
  }
  return searchOrGreet(options, entities);
}

function outcomeOf(
  intent: ToolIntent,
  options: PlanOptions,
  entities: MessageEntities,
): ArgumentsOutcome {
  return toolArguments(intent, {
    text: options.text,
    entities,
    now: options.now,
    utcOffsetMinutes: options.utcOffsetMinutes,
  });
}

/** Searches the knowledge base with the message when search is bound; else says what it can do. */
function searchOrGreet(options: PlanOptions, entities: MessageEntities): TurnPlan {
  if (!options.boundTools.includes('search_knowledge')) {
    return { kind: 'reply', text: greetingReply(options.boundTools), clarifying: false };
  }
  const outcome = outcomeOf('search_knowledge', options, entities);
  const args = 'arguments' in outcome ? outcome.arguments : { query: options.text };
  return { kind: 'tool_calls', calls: [{ name: 'search_knowledge', args }], fallback: true };
}
