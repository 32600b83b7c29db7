import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tool call the fake model makes on the first step of every turn. */
export interface ScriptedToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/**
 * A zero-latency OpenAI-compatible chat server on loopback: the first step of a turn
 * calls the scripted tool, the step after a tool result answers. JSON or SSE, as asked.
 */
export async function startFakeOpenAI(
  toolCall: ScriptedToolCall,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  let counter = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      const parsed = JSON.parse(body) as { stream?: boolean; messages: { role: string }[] };
      counter += 1;
      const answered = parsed.messages.some((message) => message.role === 'tool');
      const message = answered
        ? { role: 'assistant', content: 'Shanghai reimburses 70% [1].' }
        : {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: `call_${counter}`,
                type: 'function',
                function: { name: toolCall.name, arguments: JSON.stringify(toolCall.arguments) },
              },
            ],
          };
      if (parsed.stream) writeStream(response, counter, message);
      else writeJson(response, counter, message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const USAGE = { prompt_tokens: 200, completion_tokens: 20, total_tokens: 220 };

function writeJson(response: import('node:http').ServerResponse, id: number, message: object) {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id: `chatcmpl-${id}`,
      object: 'chat.completion',
      created: 0,
      model: 'fake-model',
      choices: [{ index: 0, message, finish_reason: 'stop' }],
      usage: USAGE,
    }),
  );
}

function writeStream(
  response: import('node:http').ServerResponse,
  id: number,
  message: { content: string | null; tool_calls?: object[] },
) {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const chunk = (delta: object, finish: string | null, usage?: object) =>
    `data: ${JSON.stringify({
      id: `chatcmpl-${id}`,
      object: 'chat.completion.chunk',
      created: 0,
      model: 'fake-model',
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(usage ? { usage } : {}),
    })}\n\n`;
  const delta = message.tool_calls
    ? {
        role: 'assistant',
        tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
      }
    : { role: 'assistant', content: message.content };
  response.write(chunk(delta, null));
  response.write(chunk({}, message.tool_calls ? 'tool_calls' : 'stop', USAGE));
  response.end('data: [DONE]\n\n');
}
