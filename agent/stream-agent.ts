import { AIMessage, AIMessageChunk, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import type { createAgent } from 'langchain';
import { ModelError } from '../lib/errors.ts';
import type { TurnEvent } from './turn-events.ts';

type Agent = ReturnType<typeof createAgent>;

/** The node of LangChain's agent graph that calls the model. */
const MODEL_NODE = 'model_request';

export interface AgentStreamOptions {
  messages: BaseMessage[];
  maxSteps: number;
  maxTokens: number;
  signal?: AbortSignal | undefined;
  /** Each complete message the model produced, tool calls included. */
  onModelMessage(message: AIMessage): void;
}

/**
 * Runs the agent graph and turns what it streams into turn events: model tokens as they
 * come, then each tool call and tool result. Stops the turn with a ModelError when it
 * runs past its step limit or token budget.
 */
export async function* agentEvents(
  agent: Agent,
  options: AgentStreamOptions,
): AsyncGenerator<TurnEvent> {
  let tokensUsed = 0;
  const stream = await agent.stream(
    { messages: options.messages },
    {
      streamMode: ['messages', 'updates'],
      recursionLimit: options.maxSteps * 2 + 1,
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );

  try {
    for await (const [mode, payload] of stream as AsyncIterable<[string, unknown]>) {
      if (mode === 'messages') {
        const token = tokenOf(payload);
        if (token) yield { type: 'token', text: token };
        continue;
      }
      for (const message of updatedMessages(payload)) {
        if (AIMessage.isInstance(message)) {
          options.onModelMessage(message);
          tokensUsed += message.usage_metadata?.total_tokens ?? 0;
          if (tokensUsed > options.maxTokens) throw tokenBudgetExceeded(options.maxTokens);
          yield* toolCallsOf(message);
        } else if (ToolMessage.isInstance(message)) {
          yield {
            type: 'tool_result',
            id: message.tool_call_id,
            name: message.name ?? '',
            content: String(message.content),
          };
        }
      }
    }
  } catch (error) {
    if (isRecursionLimit(error)) throw stepLimitExceeded(options.maxSteps);
    throw error;
  }
}

function tokenOf(payload: unknown): string | undefined {
  const [chunk, metadata] = payload as [BaseMessage, { langgraph_node?: string }];
  if (metadata?.langgraph_node !== MODEL_NODE || !AIMessageChunk.isInstance(chunk)) return;
  const content = chunk.content;
  const text = typeof content === 'string' ? content : '';
  return text === '' ? undefined : text;
}

/** The messages a graph update adds, whatever node made it. */
function updatedMessages(payload: unknown): BaseMessage[] {
  const found: BaseMessage[] = [];
  for (const update of Object.values(payload as Record<string, unknown>)) {
    const parts = Array.isArray(update) ? update : [update];
    for (const part of parts) {
      const messages = (part as { messages?: unknown } | null)?.messages;
      if (Array.isArray(messages)) found.push(...(messages as BaseMessage[]));
    }
  }
  return found;
}

function* toolCallsOf(message: AIMessage): Generator<TurnEvent> {
  for (const call of message.tool_calls ?? []) {
    yield { type: 'tool_call', id: call.id ?? call.name, name: call.name, arguments: call.args };
  }
}

function isRecursionLimit(error: unknown): boolean {
  return error instanceof Error && error.name === 'GraphRecursionError';
}

function stepLimitExceeded(maxSteps: number): ModelError {
  return new ModelError({
    code: 'step_limit_exceeded',
    message: `The assistant needed more than ${maxSteps} steps; ask a narrower question.`,
  });
}

function tokenBudgetExceeded(maxTokens: number): ModelError {
  return new ModelError({
    code: 'token_budget_exceeded',
    message: `The turn used more than ${maxTokens} tokens; ask a narrower question.`,
  });
}
