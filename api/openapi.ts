import { z } from 'zod';
import { evalRunRequestSchema } from '../evals/runs/eval-run-request.ts';
import { pushSchema } from './routes/channels.ts';
import { chatSchema, confirmSchema } from './routes/chat.ts';
import { searchSchema, uploadFieldsSchema } from './routes/knowledge.ts';

type Operation = Record<string, unknown>;

const problem = {
  description: 'A problem document (RFC 9457); `code` is stable, `detail` says what to do.',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const errors = { '400': problem, '401': problem, '403': problem, '404': problem };

function jsonBody(schema: z.ZodType): Operation {
  return {
    required: true,
    content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input' }) } },
  };
}

function ok(description: string, schema: Record<string, unknown> = { type: 'object' }): Operation {
  return { description, content: { 'application/json': { schema } } };
}

/** The OpenAPI 3.1 description of the HTTP API, served at `/openapi.json`. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dealwise API',
      version: '0.1.0',
      description:
        'The Dealwise sales assistant. Every endpoint but /healthz and /openapi.json takes ' +
        '`Authorization: Bearer <API key>`; every answer is scoped to the key’s user.',
    },
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            requestId: { type: 'string' },
          },
        },
      },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness and the database and model in use',
          security: [],
          responses: { '200': ok('Up'), '503': ok('The database does not answer') },
        },
      },
      '/v1/chat': {
        post: {
          summary: 'Ask the assistant; JSON, or server-sent events with Accept: text/event-stream',
          description:
            'SSE events: token, tool_call, tool_result, citation, done (the whole result) ' +
            'and error (a problem document).',
          requestBody: jsonBody(chatSchema),
          responses: {
            '200': {
              description: 'The answer with citations, tool calls and pending writes',
              content: { 'application/json': {}, 'text/event-stream': {} },
            },
            ...errors,
          },
        },
      },
      '/v1/chat/confirm': {
        post: {
          summary: 'Apply a write the assistant prepared, after the user confirmed it',
          requestBody: jsonBody(confirmSchema),
          responses: { '200': ok('Applied'), ...errors },
        },
      },
      '/v1/channels/link-codes': {
        post: {
          summary: 'A one-time code that links a chat account: send `/link <code>` to the bot',
          responses: { '201': ok('The code, its expiry and instructions'), ...errors },
        },
      },
      '/v1/channels/links': {
        get: {
          summary: "The caller's linked Slack, Telegram, WeCom and Feishu accounts",
          responses: { '200': ok('The links'), ...errors },
        },
      },
      '/v1/channels/links/{id}': {
        delete: {
          summary: "Unlink one of the caller's chat accounts",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'Unlinked' }, ...errors },
        },
      },
      '/v1/channels/messages': {
        post: {
          summary:
            'Send a user a message on their linked chat accounts (yourself; managers: their team; admins: anyone)',
          requestBody: jsonBody(pushSchema),
          responses: { '202': ok('The platforms it was queued for'), ...errors },
        },
      },
      '/v1/conversations/{id}': {
        get: {
          summary: "One of the caller's conversations with its messages",
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': ok('The conversation'), ...errors },
        },
      },
      '/v1/knowledge/search': {
        post: {
          summary: 'Hybrid search of the knowledge base the caller may read',
          requestBody: jsonBody(searchSchema),
          responses: { '200': ok('Results with citations'), ...errors },
        },
      },
      '/v1/knowledge/documents': {
        get: {
          summary: 'Documents the caller may read',
          responses: { '200': ok('A page'), ...errors },
        },
        post: {
          summary: 'Upload a document (managers and admins)',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  ...z.toJSONSchema(uploadFieldsSchema, { io: 'input' }),
                  properties: {
                    ...(z.toJSONSchema(uploadFieldsSchema, { io: 'input' }).properties ?? {}),
                    file: { type: 'string', format: 'binary' },
                  },
                },
              },
            },
          },
          responses: { '201': ok('Stored'), '200': ok('Unchanged'), ...errors },
        },
      },
      '/v1/knowledge/documents/{id}': {
        delete: {
          summary: 'Delete a document version with its chunks (managers and admins)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'Deleted' }, ...errors },
        },
      },
      '/v1/leads/{id}/score': {
        get: {
          summary: 'A lead’s score, band and reasons (reps their own leads)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': ok('The score'), ...errors },
        },
      },
      '/v1/scoring/heatmap': {
        get: {
          summary: 'Open leads by region and score band',
          responses: { '200': ok('Cells'), ...errors },
        },
      },
      '/v1/scoring/adjustments': {
        get: {
          summary: 'Current weight multipliers and the scorer',
          responses: { '200': ok('Adjustments'), ...errors },
        },
        put: {
          summary: 'Backtest and apply new multipliers (managers and admins)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          responses: { '200': ok('Applied, with the backtest'), ...errors },
        },
      },
      '/v1/evals/runs': {
        post: {
          summary: 'Queue an eval run of bundled suites or an uploaded JSONL suite (admins)',
          description:
            'The suites run in the background on a freshly seeded demo tenant with the ' +
            "server's model, one run at a time. A malformed upload is a 400 naming the line, " +
            'case and field; a tenant with five runs queued or running gets a 429.',
          requestBody: jsonBody(evalRunRequestSchema),
          responses: { '202': ok('Queued: the run id and status'), '429': problem, ...errors },
        },
        get: {
          summary: "The tenant's eval runs, newest first, with each suite's summary (admins)",
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } },
            { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          ],
          responses: { '200': ok('A page of runs'), ...errors },
        },
      },
      '/v1/evals/runs/{id}': {
        get: {
          summary: 'An eval run: status, options, per-suite summaries and case results (admins)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': ok('The run'), ...errors },
        },
      },
      '/v1/evals/runs/{id}/report': {
        get: {
          summary: 'The HTML report of a finished eval run (admins)',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'A self-contained HTML page', content: { 'text/html': {} } },
            '409': problem,
            ...errors,
          },
        },
      },
      '/v1/scoring/adjustments/preview': {
        post: {
          summary: 'Backtest multipliers without applying them (managers and admins)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'object' } } },
          },
          responses: { '200': ok('The backtest'), ...errors },
        },
      },
    },
  };
}
