import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/client.ts';
import { createTestApp } from '../testing/test-app.ts';
import { createTestDatabase } from '../testing/test-database.ts';

describe('HTTP app', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    database = await createTestDatabase('empty');
    ({ app } = createTestApp(database));
  });
  afterAll(() => database.close());

  it('answers /healthz with the database in use and the model', async () => {
    const response = await app.request('/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'pglite',
      model: 'offline',
    });
  });

  it('puts a request id on every response and echoes one it was given', async () => {
    const fresh = await app.request('/healthz');
    const echoed = await app.request('/healthz', { headers: { 'x-request-id': 'trace-123' } });

    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
  });

  it('answers an unknown route with a problem document', async () => {
    const response = await app.request('/v1/nothing-here', { headers: { 'x-request-id': 'r-1' } });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'https://dealwise.dev/problems/route_not_found',
      title: 'Not found',
      status: 404,
      detail: 'No route for GET /v1/nothing-here; see /openapi.json.',
      code: 'route_not_found',
      requestId: 'r-1',
    });
  });
});

describe('OpenAPI document', () => {
  it('describes the chat, knowledge and scoring endpoints with their request schemas', async () => {
    const database = await createTestDatabase('empty');
    const { app } = createTestApp(database);

    const response = await app.request('/openapi.json');
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
        >
      >;
    };
    await database.close();

    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/chat', '/v1/knowledge/search', '/v1/leads/{id}/score']),
    );
    expect(
      document.paths['/v1/chat']?.post?.requestBody?.content['application/json']?.schema.required,
    ).toEqual(['message']);
  });
});
