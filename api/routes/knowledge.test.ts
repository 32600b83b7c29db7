import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.ts';
import { auditLog, chunks } from '../../db/schema/index.ts';
import { createTestApp } from '../../testing/test-app.ts';
import { createTestDatabase } from '../../testing/test-database.ts';

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function upload(name: string, content: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set('file', new File([content], name));
  for (const [field, value] of Object.entries(fields)) form.set(field, value);
  return form;
}

describe('knowledge API', () => {
  let database: DatabaseHandle;
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    database = await createTestDatabase('demo');
    ({ app } = createTestApp(database));
  });
  afterAll(() => database.close());

  it('searches with citations for the caller', async () => {
    const response = await app.request('/v1/knowledge/search', {
      method: 'POST',
      headers: { ...bearer('dw_demo_rep'), 'content-type': 'application/json' },
      body: JSON.stringify({ query: '价格异议 怎么回应', k: 3 }),
    });
    const body = (await response.json()) as { results: { sourceId: string; citation: object }[] };

    expect(response.status).toBe(200);
    expect(body.results).toHaveLength(3);
    expect(body.results[0]?.citation).toHaveProperty('snippet');
  });

  it('answers a search without a key with 401', async () => {
    const response = await app.request('/v1/knowledge/search', {
      method: 'POST',
      body: JSON.stringify({ query: 'x' }),
    });

    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('missing_api_key');
  });

  it('names the wrong fields of a bad search request', async () => {
    const response = await app.request('/v1/knowledge/search', {
      method: 'POST',
      headers: { ...bearer('dw_demo_rep'), 'content-type': 'application/json' },
      body: JSON.stringify({ query: '', k: 0, filters: { types: ['memo'] } }),
    });
    const body = (await response.json()) as { code: string; errors: { field: string }[] };

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(body.code).toBe('invalid_request');
    expect(body.errors.map((error) => error.field).sort()).toEqual([
      'filters.types.0',
      'k',
      'query',
    ]);
  });

  it('rejects a body that is not JSON', async () => {
    const response = await app.request('/v1/knowledge/search', {
      method: 'POST',
      headers: { ...bearer('dw_demo_rep'), 'content-type': 'application/json' },
      body: '{query:',
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_json');
  });

  it('lists only public and own-account documents to a customer', async () => {
    const response = await app.request('/v1/knowledge/documents?limit=200', {
      headers: bearer('dw_demo_customer'),
    });
    const body = (await response.json()) as {
      documents: { sourceId: string; audience: string }[];
      total: number;
    };

    expect(response.status).toBe(200);
    expect(body.documents.some((d) => d.audience === 'internal')).toBe(false);
    expect(body.documents.map((d) => d.sourceId)).toContain('account/dongpu-quote-summary');
    expect(body.documents.map((d) => d.sourceId)).not.toContain(
      'account/ruihe-distribution-agreement',
    );
  });

  it('lets a manager upload a document, audits it, and makes it searchable', async () => {
    const response = await app.request('/v1/knowledge/documents', {
      method: 'POST',
      headers: bearer('dw_demo_manager'),
      body: upload(
        'lunar-probe.md',
        '# Lunar probe FAQ\n\nThe lunar probe needs a quarterly calibration.',
        {
          type: 'faq',
          audience: 'public',
        },
      ),
    });
    const body = (await response.json()) as { documents: { documentId: string; status: string }[] };
    const search = await app.request('/v1/knowledge/search', {
      method: 'POST',
      headers: { ...bearer('dw_demo_customer'), 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'lunar probe calibration', k: 1 }),
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.resourceId, body.documents[0]!.documentId));

    expect(response.status).toBe(201);
    expect(body.documents[0]?.status).toBe('created');
    expect(
      ((await search.json()) as { results: { sourceId: string }[] }).results[0]?.sourceId,
    ).toBe('lunar-probe.md');
    expect(audit).toMatchObject({ action: 'create', via: 'POST /v1/knowledge/documents' });
  });

  it('refuses uploads from reps and customers', async () => {
    for (const key of ['dw_demo_rep', 'dw_demo_customer']) {
      const response = await app.request('/v1/knowledge/documents', {
        method: 'POST',
        headers: bearer(key),
        body: upload('x.md', '# X\n\nY'),
      });

      expect(response.status).toBe(403);
    }
  });

  it('gives an unsupported file a clear 400', async () => {
    const response = await app.request('/v1/knowledge/documents', {
      method: 'POST',
      headers: bearer('dw_demo_admin'),
      body: upload('deck.pptx', 'binary'),
    });
    const body = (await response.json()) as { code: string; detail: string };

    expect(response.status).toBe(400);
    expect(body.code).toBe('unsupported_file_type');
    expect(body.detail).toContain('.pdf');
  });

  it('deletes a document with its chunks, and 404s a second time', async () => {
    const created = await app.request('/v1/knowledge/documents', {
      method: 'POST',
      headers: bearer('dw_demo_admin'),
      body: upload('temp.txt', 'A temporary note about stapler pricing.', { audience: 'internal' }),
    });
    const { documents } = (await created.json()) as { documents: { documentId: string }[] };
    const id = documents[0]!.documentId;

    const first = await app.request(`/v1/knowledge/documents/${id}`, {
      method: 'DELETE',
      headers: bearer('dw_demo_admin'),
    });
    const second = await app.request(`/v1/knowledge/documents/${id}`, {
      method: 'DELETE',
      headers: bearer('dw_demo_admin'),
    });
    const left = await database.db.select().from(chunks).where(eq(chunks.documentId, id));

    expect(first.status).toBe(204);
    expect(second.status).toBe(404);
    expect(left).toEqual([]);
  });
});
