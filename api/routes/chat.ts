import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { getConversation } from '../../agent/conversation-store.ts';
import { type AgentDependencies, runTurn, streamTurn } from '../../agent/run-turn.ts';
import { InputError } from '../../lib/errors.ts';
import { applyConfirmedWrite } from '../../tools/apply-confirmed-write.ts';
import { ALL_TOOLS } from '../../tools/index.ts';
import type { WriteToolDefinition } from '../../tools/tool-definition.ts';
import { type AppVariables, authenticate } from '../authenticate.ts';
import { toProblem } from '../problem.ts';
import { validate } from '../validate.ts';

const MAX_BODY_BYTES = 64 * 1024;

/** Body of `POST /v1/chat`. */
export const chatSchema = z.object({
  conversationId: z.uuid().optional(),
  message: z.string(),
  persona: z.string().optional(),
});

/** Body of `POST /v1/chat/confirm`. */
export const confirmSchema = z.object({
  tool: z.string().min(1),
  token: z.string().min(1),
});

/**
 * The chat API: `POST /v1/chat` (JSON, or server-sent events with
 * `Accept: text/event-stream`), `POST /v1/chat/confirm` to apply a write the user
 * confirmed, and `GET /v1/conversations/:id`.
 */
export function chatRoutes(agent: AgentDependencies): Hono<{ Variables: AppVariables }> {
  const app = new Hono<{ Variables: AppVariables }>();
  app.use('/v1/chat', authenticate(agent.db));
  app.use('/v1/chat/*', authenticate(agent.db));
  app.use('/v1/conversations/*', authenticate(agent.db));
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new InputError({
        code: 'body_too_large',
        message: `The request body is over ${MAX_BODY_BYTES / 1024} KiB; send a shorter message.`,
      });
    },
  });

  app.post('/v1/chat', limit, async (context) => {
    const body = validate(chatSchema, await readUtf8Json(context.req.raw));
    const request = {
      caller: context.var.caller,
      message: body.message,
      conversationId: body.conversationId,
      persona: body.persona,
      channel: 'api' as const,
      requestId: context.var.requestId,
      signal: context.req.raw.signal,
    };
    if (!(context.req.header('accept') ?? '').includes('text/event-stream')) {
      return context.json(await runTurn(agent, request));
    }

    const events = streamTurn(agent, request);
    const first = await events.next();
    return streamSSE(context, async (stream) => {
      let next = first;
      try {
        while (!next.done) {
          const { type, ...data } = next.value;
          await stream.writeSSE({ event: type, data: JSON.stringify(data) });
          next = await events.next();
        }
      } catch (error) {
        const { problem } = toProblem(error, context.var.requestId);
        await stream.writeSSE({ event: 'error', data: JSON.stringify(problem) });
      }
    });
  });

  app.post('/v1/chat/confirm', limit, async (context) => {
    const body = validate(confirmSchema, await readUtf8Json(context.req.raw));
    const tool = ALL_TOOLS.find((candidate) => candidate.name === body.tool);
    if (tool?.kind !== 'write') {
      throw new InputError({
        code: 'unknown_write_tool',
        message: `"${body.tool}" is not a write tool; confirm the tool named in pendingWrites.`,
        details: { field: 'tool' },
      });
    }
    const result = await applyConfirmedWrite(
      tool as unknown as WriteToolDefinition<unknown, unknown, unknown>,
      {
        db: agent.db,
        embedder: agent.embedder,
        caller: context.var.caller,
        now: (agent.clock ?? (() => new Date()))(),
        requestId: context.var.requestId,
        confirmationSecret: agent.confirmationSecret,
      },
      body.token,
    );
    return context.json({ tool: tool.name, summary: result.summary, data: result.data });
  });

  app.get('/v1/conversations/:id', async (context) => {
    return context.json(
      await getConversation(agent.db, context.var.caller, context.req.param('id')),
    );
  });

  return app;
}

/**
 * The body as JSON, refusing bytes that are not UTF-8 (rather than silently replacing
 * them) and malformed JSON with a clear 400.
 */
async function readUtf8Json(request: Request): Promise<unknown> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await request.arrayBuffer());
  } catch {
    throw new InputError({
      code: 'body_not_utf8',
      message: 'The request body is not valid UTF-8; send JSON encoded as UTF-8.',
    });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError({
      code: 'invalid_json',
      message: 'The request body is not valid JSON; send a JSON object.',
    });
  }
}
