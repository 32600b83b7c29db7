import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import { BaseChatModel, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import type { ModelProfile } from '@langchain/core/language_models/profile';
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { Runnable } from '@langchain/core/runnables';
import type { ChatOpenAICallOptions } from '@langchain/openai';
import { RemoteServiceError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import {
  isTransientProviderError,
  type RetryOptions,
  withRetries,
} from '../../lib/with-retries.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import {
  CIRCUIT_OPEN_CODE,
  circuitOpenError,
  describeFailure,
  isProviderFailure,
  type ModelFailure,
  modelUnavailableError,
  streamInterruptedError,
} from './model-failure.ts';

/** A model the resilient model may call, with the breaker every call to it shares. */
export interface ModelCandidate {
  name: string;
  model: BaseChatModel<ChatOpenAICallOptions>;
  breaker: CircuitBreaker;
}

export interface ResilientChatModelOptions {
  /** Tried in order: the primary model first, then its fallbacks. */
  candidates: ModelCandidate[];
  retry: Omit<RetryOptions, 'signal' | 'onRetry'>;
  logger: Logger;
}

type CallOptions = ChatOpenAICallOptions;
type Call<T> = (model: BaseChatModel<CallOptions>) => Promise<T>;

interface StartedStream {
  first: IteratorResult<ChatGenerationChunk>;
  iterator: AsyncIterator<ChatGenerationChunk>;
}

/**
 * A chat model that calls its candidates in order, each with retries and behind its
 * circuit breaker, and fails with `model_unavailable` when none answers. It is the only
 * retry layer: the candidates are built with LangChain's and the SDK's retries off.
 */
export class ResilientChatModel extends BaseChatModel<CallOptions> {
  readonly #candidates: ModelCandidate[];
  readonly #retry: ResilientChatModelOptions['retry'];
  readonly #logger: Logger;

  constructor(options: ResilientChatModelOptions) {
    super({});
    if (options.candidates.length === 0) throw new TypeError('A model needs a candidate.');
    this.#candidates = options.candidates;
    this.#retry = options.retry;
    this.#logger = options.logger.child({ module: 'chat-model' });
  }

  static override lc_name(): string {
    return 'ResilientChatModel';
  }

  override _llmType(): string {
    return 'dealwise-resilient';
  }

  /** The primary model's capabilities, which `createAgent` reads. */
  override get profile(): ModelProfile {
    return this.#primary().model.profile;
  }

  // Limitation: ChatOpenAI.bindTools extras (providerToolDefinition, defer_loading) are skipped.
  /** Binds tools as call options; each candidate converts them to its wire format. */
  override bindTools(
    tools: BindToolsInput[],
    kwargs?: Partial<CallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, CallOptions> {
    return this.withConfig({ tools, ...kwargs });
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const delegated = withoutInnerRetries(options);
    const answered = await this.#firstToAnswer(options, (model) =>
      model._generate(messages, delegated, runManager),
    );
    for (const generation of answered.value.generations) {
      nameTheModel(generation.message, answered.candidate.name);
    }
    return answered.value;
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const delegated = withoutInnerRetries(options);
    const started = await this.#firstToAnswer(options, (model) =>
      startStream(model._streamResponseChunks(messages, delegated, runManager)),
    );
    yield* relay({ ...started.value, candidate: started.candidate, signal: options.signal });
  }

  /** Runs `call` on each candidate in turn until one answers, with retries and breakers. */
  async #firstToAnswer<T>(
    options: this['ParsedCallOptions'],
    call: Call<T>,
  ): Promise<{ value: T; candidate: ModelCandidate }> {
    const failures: ModelFailure[] = [];
    let lastError: unknown;

    for (const candidate of this.#candidates) {
      try {
        const value = await withRetries(() => this.#attempt(candidate, call), {
          ...this.#retry,
          signal: options.signal,
          onRetry: (event) => this.#logRetry(candidate, event.error, event.delayMs),
        });
        if (failures.length > 0) {
          this.#logger.warn({ model: candidate.name }, 'fallback model answered');
        }
        return { value, candidate };
      } catch (error) {
        if (options.signal?.aborted || !isProviderFailure(error)) throw error;
        failures.push(this.#logFailure(candidate, error));
        lastError = error;
      }
    }
    throw modelUnavailableError(failures, lastError);
  }

  // Limitation: breakers live in process memory; each replica learns a provider's health alone.
  /** One attempt on one candidate, gated and scored by its breaker. */
  async #attempt<T>(candidate: ModelCandidate, call: Call<T>): Promise<T> {
    const { breaker } = candidate;
    if (!breaker.tryAcquire()) throw circuitOpenError(candidate.name);

    try {
      const value = await call(candidate.model);
      breaker.recordSuccess();
      return value;
    } catch (error) {
      if (isTransientProviderError(error)) breaker.recordFailure();
      else breaker.release();
      throw error;
    }
  }

  #logFailure(candidate: ModelCandidate, error: unknown): ModelFailure {
    const failure = describeFailure(candidate.name, error);
    const paused = error instanceof RemoteServiceError && error.code === CIRCUIT_OPEN_CODE;
    if (paused) this.#logger.debug(failure, 'chat model skipped: circuit open');
    else this.#logger.warn(failure, 'chat model failed after retries');
    return failure;
  }

  #logRetry(candidate: ModelCandidate, error: unknown, delayMs: number): void {
    const failure = describeFailure(candidate.name, error);
    this.#logger.warn({ ...failure, delayMs: Math.round(delayMs) }, 'retrying chat model');
  }

  #primary(): ModelCandidate {
    const [primary] = this.#candidates;
    if (primary === undefined) throw new TypeError('A model needs a candidate.');
    return primary;
  }
}

/** Records which candidate answered, when the provider's response did not say. */
function nameTheModel(message: BaseMessage, name: string): void {
  if ((message.response_metadata as Record<string, unknown>).model_name) return;
  message.response_metadata = { ...message.response_metadata, model_name: name };
}

// Limitation: a stream that fails after its first chunk is neither retried nor failed over.
/** Passes a started stream on, closing it if the reader stops early. */
async function* relay(
  stream: StartedStream & { candidate: ModelCandidate; signal: AbortSignal | undefined },
): AsyncGenerator<ChatGenerationChunk> {
  let next = stream.first;
  if (!next.done) nameTheModel(next.value.message, stream.candidate.name);
  try {
    while (!next.done) {
      yield next.value;
      next = await nextChunk(stream);
    }
  } finally {
    if (!next.done) await stream.iterator.return?.();
  }
}

/**
 * The next chunk. A failure here (a dropped connection, a provider error event) happens
 * mid-answer, so it is neither retried nor sent to the fallback, but reported as such.
 */
async function nextChunk(options: {
  iterator: AsyncIterator<ChatGenerationChunk>;
  candidate: ModelCandidate;
  signal: AbortSignal | undefined;
}): Promise<IteratorResult<ChatGenerationChunk>> {
  try {
    return await options.iterator.next();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    options.candidate.breaker.recordFailure();
    throw streamInterruptedError(options.candidate.name, error);
  }
}

/** Opens a stream and waits for its first chunk, so a failure to start can be retried. */
async function startStream(stream: AsyncGenerator<ChatGenerationChunk>): Promise<StartedStream> {
  const iterator = stream[Symbol.asyncIterator]();
  const first = await iterator.next();
  return { first, iterator };
}

/** Call options for a candidate, with LangChain's own retries pinned off. */
function withoutInnerRetries<T extends { maxRetries?: number }>(options: T): T {
  return { ...options, maxRetries: 0 };
}
