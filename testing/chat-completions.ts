import { HttpResponse } from 'msw';

/** OpenAI-shaped Chat Completions responses, JSON and server-sent events, for msw handlers. */

export const CHAT_COMPLETIONS_URL = 'https://llm.test/v1/chat/completions';

export interface FixtureToolCall {
  id: string;
  name: string;
  /** Raw JSON text, as the model sends it; may be malformed on purpose. */
  arguments: string;
}

export interface FixtureUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface CompletionFixture {
  model: string;
  content?: string;
  toolCalls?: FixtureToolCall[];
  usage?: FixtureUsage;
}

export interface StreamFixture {
  model: string;
  /** Text pieces, sent one per event. */
  deltas?: string[];
  /** Each call's arguments are sent in pieces of `argumentPieceLength` characters. */
  toolCalls?: FixtureToolCall[];
  argumentPieceLength?: number;
  usage?: FixtureUsage;
}

/** The body a handler reads from a request. */
export interface ChatRequestBody {
  model: string;
  stream?: boolean;
  tools?: Array<{ type: string; function: { name: string } }>;
  messages: Array<{ role: string; content: unknown }>;
}

const DEFAULT_USAGE: FixtureUsage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 };

let responses = 0;

/** A fresh completion id; LangGraph merges messages that share one. */
function completionId(): string {
  responses += 1;
  return `chatcmpl-fixture-${responses}`;
}

/** A non-streamed answer: text, tool calls, or both. */
export function completionResponse(fixture: CompletionFixture): Response {
  const toolCalls = fixture.toolCalls?.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  return HttpResponse.json({
    id: completionId(),
    object: 'chat.completion',
    created: 1_700_000_000,
    model: fixture.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: fixture.content ?? null, tool_calls: toolCalls },
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
        logprobs: null,
      },
    ],
    usage: fixture.usage ?? DEFAULT_USAGE,
  });
}

/** A streamed answer as server-sent events, ending with usage and `[DONE]`. */
export function completionStream(fixture: StreamFixture): Response {
  const id = completionId();
  const event = (delta: object, finishReason: string | null = null) =>
    chunk({ id, model: fixture.model, delta, finishReason });
  const events = [
    event({ role: 'assistant', content: '' }),
    ...(fixture.deltas ?? []).map((content) => event({ content })),
    ...toolCallDeltas(fixture).map((toolCall) => event({ tool_calls: [toolCall] })),
    event({}, fixture.toolCalls ? 'tool_calls' : 'stop'),
    { ...event({}), choices: [], usage: fixture.usage ?? DEFAULT_USAGE },
  ];
  const lines = events.map((event) => `data: ${JSON.stringify(event)}\n\n`);
  const body = `${lines.join('')}data: [DONE]\n\n`;
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

/** A stream that sends its text pieces, then drops the connection. */
export function interruptedStream(fixture: { model: string; deltas: string[] }): Response {
  const id = completionId();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for (const content of fixture.deltas) {
        const event = chunk({ id, model: fixture.model, delta: { content }, finishReason: null });
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      controller.error(new Error('socket hang up'));
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

/** An OpenAI-shaped error response. */
export function providerFailure(status: number, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(
    { error: { message: `failure ${status}`, type: 'test', code: null } },
    { status, headers },
  );
}

function toolCallDeltas(fixture: StreamFixture): object[] {
  const pieceLength = fixture.argumentPieceLength ?? 4;
  return (fixture.toolCalls ?? []).flatMap((call, index) => {
    const opening = {
      index,
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: '' },
    };
    const pieces = splitEvery(call.arguments, pieceLength).map((piece) => ({
      index,
      function: { arguments: piece },
    }));
    return [opening, ...pieces];
  });
}

interface ChunkFields {
  id: string;
  model: string;
  delta: object;
  finishReason: string | null;
}

function chunk(fields: ChunkFields) {
  return {
    id: fields.id,
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model: fields.model,
    choices: [
      { index: 0, delta: fields.delta, finish_reason: fields.finishReason, logprobs: null },
    ],
  };
}

function splitEvery(text: string, length: number): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += length) {
    pieces.push(text.slice(start, start + length));
  }
  return pieces;
}
