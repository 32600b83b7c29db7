import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage, HumanMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import type { Caller } from '../auth/caller.ts';
import type { Database } from '../db/client.ts';
import type { Embedder } from '../knowledge/embedder.ts';
import { DealwiseError, ModelError, RemoteServiceError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { ALL_TOOLS } from '../tools/index.ts';
import {
  appendUserMessage,
  type Channel,
  loadDialogue,
  openConversation,
  recordFailedTurn,
  recordReply,
  saveSummary,
} from './conversation-store.ts';
import { type DialogueMessage, windowDialogue } from './history.ts';
import { langChainTools } from './langchain-tools.ts';
import { estimateTurnCost, modelCallsIn } from './model/usage-cost.ts';
import { type Persona, resolvePersona } from './personas.ts';
import { agentEvents } from './stream-agent.ts';
import type { TurnEvent, TurnResult } from './turn-events.ts';
import { TurnRecord } from './turn-record.ts';
import { validateMessage } from './validate-message.ts';

/** What the agent needs from the process that hosts it. */
export interface AgentDependencies {
  db: Database;
  embedder: Embedder;
  logger: Logger;
  /** The configured model; without one every turn runs on the offline model. */
  chatModel?: BaseChatModel | undefined;
  /** The offline model for a caller's tenant; also the fallback when the provider fails. */
  offlineModel(caller: Caller): Promise<BaseChatModel>;
  /** Signs confirmation tokens of write tools; at least 32 characters. */
  confirmationSecret: string;
  limits?: { maxSteps?: number; maxTokens?: number };
  clock?: () => Date;
}

/** One user message to answer. */
export interface TurnRequest {
  caller: Caller;
  message: string;
  conversationId?: string | undefined;
  persona?: string | undefined;
  channel: Channel;
  requestId?: string | undefined;
  signal?: AbortSignal | undefined;
}

const DEFAULT_MAX_STEPS = 6;
const DEFAULT_MAX_TOKENS = 60_000;

/**
 * Answers one message, streaming tokens and tool events as they happen. The user's
 * message is stored before the model is called; a failed turn is recorded with its
 * error. When the configured model fails before it has said anything, the offline
 * model answers instead.
 */
export async function* streamTurn(
  dependencies: AgentDependencies,
  request: TurnRequest,
): AsyncGenerator<TurnEvent, TurnResult> {
  const text = validateMessage(request.message);
  const persona = resolvePersona(request.caller, request.persona);
  const { db, logger } = dependencies;
  const { caller } = request;
  const started = performance.now();

  const conversation = await openConversation(db, caller, {
    conversationId: request.conversationId,
    persona: persona.name,
    channel: request.channel,
    title: text,
  });
  const { summary, recent } = windowDialogue(await loadDialogue(db, caller, conversation.id));
  if (summary && summary !== conversation.summary) {
    await saveSummary(db, caller, conversation.id, summary);
  }
  await appendUserMessage(db, caller, conversation.id, text);

  const turn: Turn = {
    dependencies,
    request,
    persona,
    summary,
    history: recent,
    text,
    record: new TurnRecord(),
  };
  let outcome: AttemptOutcome;
  try {
    outcome = yield* answerWithFallback(turn);
  } catch (error) {
    const failure = describeError(error);
    await recordFailedTurn(db, caller, conversation.id, {
      ...failure,
      toolCalls: turn.record.toolCalls,
      model: dependencies.chatModel ? 'configured' : 'dealwise-offline',
    });
    logger.warn({ conversationId: conversation.id, code: failure.code }, 'turn failed');
    throw error;
  }

  const result = await storeReply(turn, conversation.id, outcome);
  logger.info(
    {
      conversationId: conversation.id,
      requestId: request.requestId,
      model: result.model,
      fallback: result.fallback,
      toolCalls: result.toolCalls.length,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      cost: result.usage.cost,
      durationMs: Math.round(performance.now() - started),
    },
    'turn',
  );
  for (const citation of result.message.citations) yield { type: 'citation', citation };
  yield { type: 'done', result };
  return result;
}

/** Answers one message and returns the whole result; the events are not needed. */
export async function runTurn(
  dependencies: AgentDependencies,
  request: TurnRequest,
): Promise<TurnResult> {
  const events = streamTurn(dependencies, request);
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
  }
}

interface Turn {
  dependencies: AgentDependencies;
  request: TurnRequest;
  persona: Persona;
  summary: string | null;
  history: DialogueMessage[];
  text: string;
  record: TurnRecord;
}

interface AttemptOutcome {
  answer: string;
  modelMessages: AIMessage[];
  model: string;
  fallback: boolean;
}

async function* answerWithFallback(turn: Turn): AsyncGenerator<TurnEvent, AttemptOutcome> {
  const { chatModel } = turn.dependencies;
  const offline = () => turn.dependencies.offlineModel(turn.request.caller);
  if (!chatModel) return yield* attempt(turn, await offline(), false);

  const progress = { tokens: 0 };
  try {
    return yield* attempt(turn, chatModel, false, progress);
  } catch (error) {
    if (progress.tokens > 0 || !isWorthFallingBack(error)) throw error;
    turn.dependencies.logger.warn({ err: error }, 'model failed; answering offline');
    turn.record = new TurnRecord();
    return yield* attempt(turn, await offline(), true);
  }
}

async function* attempt(
  turn: Turn,
  model: BaseChatModel,
  fallback: boolean,
  progress: { tokens: number } = { tokens: 0 },
): AsyncGenerator<TurnEvent, AttemptOutcome> {
  const limits = turn.dependencies.limits ?? {};
  const agent = createAgent({
    model,
    tools: langChainTools({
      definitions: toolsFor(turn.persona, turn.request.caller),
      context: {
        db: turn.dependencies.db,
        embedder: turn.dependencies.embedder,
        caller: turn.request.caller,
        now: (turn.dependencies.clock ?? (() => new Date()))(),
        confirmationSecret: turn.dependencies.confirmationSecret,
        ...(turn.request.requestId ? { requestId: turn.request.requestId } : {}),
      },
      record: turn.record,
    }),
    systemPrompt: systemPrompt(turn),
  });

  const modelMessages: AIMessage[] = [];
  const stream = agentEvents(agent, {
    messages: [...historyMessages(turn.history), new HumanMessage(turn.text)],
    maxSteps: limits.maxSteps ?? DEFAULT_MAX_STEPS,
    maxTokens: limits.maxTokens ?? DEFAULT_MAX_TOKENS,
    signal: turn.request.signal,
    onModelMessage: (message) => modelMessages.push(message),
  });
  for await (const event of stream) {
    if (event.type === 'token') progress.tokens += 1;
    yield event;
  }

  const final = modelMessages.at(-1);
  const answer = final ? messageText(final) : '';
  if (final?.invalid_tool_calls?.length && answer === '') {
    throw new ModelError({
      code: 'malformed_tool_call',
      message: 'The model sent tool arguments that are not valid JSON.',
    });
  }
  if (answer === '') {
    throw new ModelError({ code: 'empty_answer', message: 'The model returned no answer.' });
  }
  const modelName = String(final?.response_metadata?.model_name ?? model.getName());
  return { answer, modelMessages, model: modelName, fallback };
}

async function storeReply(turn: Turn, conversationId: string, outcome: AttemptOutcome) {
  const { record } = turn;
  const cost = estimateTurnCost({ calls: modelCallsIn(outcome.modelMessages, outcome.model) });
  const promptTokens = cost.inputTokens;
  const completionTokens = cost.outputTokens;
  const citations = record.citedIn(outcome.answer);
  const messageId = await recordReply(turn.dependencies.db, turn.request.caller, conversationId, {
    text: outcome.answer,
    toolCalls: record.toolCalls,
    citations,
    model: outcome.model,
    promptTokens,
    completionTokens,
  });
  const result: TurnResult = {
    conversationId,
    messageId,
    message: { text: outcome.answer, citations },
    toolCalls: record.toolCalls,
    pendingWrites: record.pendingWrites,
    model: outcome.model,
    fallback: outcome.fallback,
    usage: { promptTokens, completionTokens, cost: cost.cost },
  };
  return result;
}

function toolsFor(persona: Persona, caller: Caller) {
  return ALL_TOOLS.filter(
    (tool) => persona.tools.includes(tool.name) && tool.roles.includes(caller.role),
  );
}

function systemPrompt(turn: Turn): string {
  const { caller } = turn.request;
  const today = (turn.dependencies.clock ?? (() => new Date()))().toISOString().slice(0, 10);
  const context = [
    `Today is ${today}. The user's role is ${caller.role}; their locale is ${caller.locale}.`,
    caller.accountId ? `The user belongs to account ${caller.accountId}.` : '',
    turn.summary ? `Earlier in this conversation (summary):\n${turn.summary}` : '',
  ];
  return [turn.persona.instructions, ...context.filter(Boolean)].join('\n\n');
}

function historyMessages(history: DialogueMessage[]): BaseMessage[] {
  return history.map((message) =>
    message.role === 'user' ? new HumanMessage(message.text) : new AIMessage(message.text),
  );
}

function messageText(message: AIMessage): string {
  if (typeof message.content === 'string') return message.content.trim();
  return message.content
    .map((part) => (typeof part === 'object' && 'text' in part ? String(part.text) : ''))
    .join('')
    .trim();
}

function isWorthFallingBack(error: unknown): boolean {
  return error instanceof RemoteServiceError || error instanceof ModelError;
}

function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof DealwiseError) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: 'The turn failed on our side.' };
}
