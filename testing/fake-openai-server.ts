import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatRequestBody } from './chat-completions.ts';

/** What the fake model says to one request: text, tool calls, or both. */
export interface FakeReply {
  content?: string;
  toolCalls?: { name: string; arguments: Record<string, unknown> }[];
}

/** A running fake server: its base URL, the bodies it was sent, and how to stop it. */
export interface FakeOpenAIServer {
  baseUrl: string;
  requests: ChatRequestBody[];
  close(): Promise<void>;
}

const USAGE = { prompt_tokens: 40, completion_tokens: 8, total_tokens: 48 };

/**
 * An OpenAI-compatible Chat Completions server on loopback for tests that need real HTTP
 * (a recorded cassette, say): `reply` decides each answer, sent as JSON or as server-sent
 * events as the request asks. Each request gets a fresh completion id.
 */
export async function startFakeOpenAIServer(
  reply: (body: ChatRequestBody, count: number) => FakeReply,
): Promise<FakeOpenAIServer> {
  const requests: ChatRequestBody[] = [];
  const server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(text) as ChatRequestBody;
      requests.push(body);
      const id = `chatcmpl-fake-${requests.length}`;
      const answer = reply(body, requests.length);
      if (body.stream) writeStream({ response, id, model: body.model, answer });
      else writeJson({ response, id, model: body.model, answer });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Written {
  response: ServerResponse;
  id: string;
  model: string;
  answer: FakeReply;
}

function toolCallsOf(answer: FakeReply, id: string) {
  return answer.toolCalls?.map((call, index) => ({
    id: `call_${id}_${index}`,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
}

function writeJson({ response, id, model, answer }: Written): void {
  const toolCalls = toolCallsOf(answer, id);
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id,
      object: 'chat.completion',
      created: 1_700_000_000,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: answer.content ?? null, tool_calls: toolCalls },
          finish_reason: toolCalls ? 'tool_calls' : 'stop',
        },
      ],
      usage: USAGE,
    }),
  );
}

function writeStream({ response, id, model, answer }: Written): void {
  const toolCalls = toolCallsOf(answer, id);
  const event = (delta: object, finishReason: string | null, usage?: object): string =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...(usage ? { usage } : {}),
    })}\n\n`;

  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(event({ role: 'assistant', content: '' }, null));
  for (const piece of (answer.content ?? '').match(/.{1,12}/gsu) ?? []) {
    response.write(event({ content: piece }, null));
  }
  if (toolCalls) {
    response.write(
      event({ tool_calls: toolCalls.map((call, index) => ({ index, ...call })) }, null),
    );
  }
  response.write(event({}, toolCalls ? 'tool_calls' : 'stop', USAGE));
  response.end('data: [DONE]\n\n');
}
