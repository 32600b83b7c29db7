import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BindToolsInput,
} from '@langchain/core/language_models/chat_models';
import {
  AIMessage,
  AIMessageChunk,
  type BaseMessage,
  type ToolCall,
  type UsageMetadata,
} from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import { estimateTokens } from '../../knowledge/segment.ts';
import type { AccountNames } from './account-mentions.ts';
import { boundToolNames } from './bound-tool-names.ts';
import { type OfflineReply, offlineReply } from './offline-reply.ts';
import { streamPieces } from './stream-pieces.ts';
import { contentText } from './tool-outcomes.ts';

/** The name the offline model answers under, in `response_metadata.model_name`. */
export const OFFLINE_MODEL_NAME = 'dealwise-offline';

/** Options of the offline model; all optional. */
export interface OfflineChatModelOptions {
  /** The tenant's account names, to recognise accounts by a distinctive part of a name. */
  accountNames?: readonly AccountNames[];
  /** The current time, for follow-up due dates; tests pin it. */
  now?: () => Date;
  /** The users' offset from UTC in minutes, for due dates; 480 (China) by default. */
  utcOffsetMinutes?: number;
}

/** Call options of the offline model: the tools `bindTools` bound. */
export type OfflineCallOptions = BaseChatModelCallOptions & { tools?: BindToolsInput[] };

const CHINA_OFFSET_MINUTES = 480;
/** Prompt and completion indices of streamed tokens; the model answers one prompt at a time. */
const NO_INDICES = { prompt: 0, completion: 0 };

/**
 * A deterministic chat model that needs no network: it routes the user's message to the
 * bound tools by its intent and entities, and answers from the tool results by quoting
 * them with citations. The default without an API key and the last fallback.
 */
export class OfflineChatModel extends BaseChatModel<OfflineCallOptions> {
  readonly #accountNames: readonly AccountNames[];
  readonly #now: () => Date;
  readonly #utcOffsetMinutes: number;

  constructor(options: OfflineChatModelOptions = {}) {
    super({});
    this.#accountNames = options.accountNames ?? [];
    this.#now = options.now ?? (() => new Date());
    this.#utcOffsetMinutes = options.utcOffsetMinutes ?? CHINA_OFFSET_MINUTES;
  }

  static override lc_name(): string {
    return 'OfflineChatModel';
  }

  override _llmType(): string {
    return OFFLINE_MODEL_NAME;
  }

  // Limitation: tool_choice is ignored; the message alone decides whether a tool is called.
  /** Binds tools as call options; only tools bound here are ever called. */
  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<OfflineCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, OfflineCallOptions> {
    return this.withConfig({ tools, ...kwargs });
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): Promise<ChatResult> {
    const reply = this.#reply(messages, options);

    const message = new AIMessage({
      content: reply.text,
      tool_calls: toolCalls(reply, messages.length),
      usage_metadata: usage(messages, reply),
      response_metadata: { model_name: OFFLINE_MODEL_NAME },
    });
    return { generations: [{ text: reply.text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const reply = this.#reply(messages, options);

    const calls = toolCalls(reply, messages.length);
    for (const [index, call] of calls.entries()) yield toolCallChunk(call, index);

    for (const piece of streamPieces(reply.text)) {
      const chunk = new ChatGenerationChunk({
        text: piece,
        message: new AIMessageChunk({ content: piece }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, NO_INDICES, undefined, undefined, undefined, {
        chunk,
      });
    }

    yield usageChunk(messages, reply);
  }

  #reply(messages: BaseMessage[], options: this['ParsedCallOptions']): OfflineReply {
    return offlineReply({
      messages,
      boundTools: boundToolNames(options.tools),
      accountNames: this.#accountNames,
      now: this.#now(),
      utcOffsetMinutes: this.#utcOffsetMinutes,
    });
  }
}

/** The reply's tool calls with ids unique within the conversation and the same on every run. */
function toolCalls(reply: OfflineReply, conversationLength: number): ToolCall[] {
  return reply.toolCalls.map((call, index) => ({
    id: `offline_call_${conversationLength}_${index}`,
    name: call.name,
    args: call.args,
    type: 'tool_call',
  }));
}

/** A tool call as one streamed chunk, its arguments as JSON text. */
function toolCallChunk(call: ToolCall, index: number): ChatGenerationChunk {
  const message = new AIMessageChunk({
    content: '',
    tool_call_chunks: [
      {
        type: 'tool_call_chunk',
        id: call.id,
        name: call.name,
        args: JSON.stringify(call.args),
        index,
      },
    ],
  });
  return new ChatGenerationChunk({ text: '', message });
}

/** The last streamed chunk: usage and model name, said once so merging does not repeat them. */
function usageChunk(messages: readonly BaseMessage[], reply: OfflineReply): ChatGenerationChunk {
  const message = new AIMessageChunk({
    content: '',
    usage_metadata: usage(messages, reply),
    response_metadata: { model_name: OFFLINE_MODEL_NAME },
  });
  return new ChatGenerationChunk({ text: '', message });
}

/** Estimated tokens: every message in; the answer and the tool arguments out. */
function usage(messages: readonly BaseMessage[], reply: OfflineReply): UsageMetadata {
  const input = messages.reduce(
    (sum, message) => sum + estimateTokens(contentText(message.content)),
    0,
  );
  const calls = reply.toolCalls.map((call) => `${call.name}${JSON.stringify(call.args)}`);
  const output = estimateTokens(reply.text) + estimateTokens(calls.join(''));
  return { input_tokens: input, output_tokens: output, total_tokens: input + output };
}
