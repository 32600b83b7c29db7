import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { recordAudit } from '../../auth/audit.ts';
import { requireRole } from '../../auth/require-role.ts';
import type { Database } from '../../db/client.ts';
import { audience, documentType } from '../../db/schema/index.ts';
import { deleteDocument, KNOWLEDGE_EDITORS, listDocuments } from '../../knowledge/documents.ts';
import type { Embedder } from '../../knowledge/embedder.ts';
import { searchKnowledge } from '../../knowledge/hybrid-search.ts';
import { ingestUpload, MAX_UPLOAD_BYTES } from '../../knowledge/ingest-upload.ts';
import { InputError } from '../../lib/errors.ts';
import { type AppVariables, authenticate } from '../authenticate.ts';
import { readJson, validate } from '../validate.ts';

export interface KnowledgeRouteOptions {
  db: Database;
  embedder: Embedder;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');

/** Body of `POST /v1/knowledge/search`. */
export const searchSchema = z.object({
  query: z.string().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
  k: z.number().int().min(1).max(50).optional(),
  filters: z
    .object({
      types: z.array(z.enum(documentType.enumValues)).optional(),
      accountId: z.uuid().optional(),
      language: z.enum(['zh', 'en', 'mixed']).optional(),
      effectiveOn: day.optional(),
      includeSuperseded: z.boolean().optional(),
    })
    .strict()
    .optional(),
});

/** Form fields of `POST /v1/knowledge/documents`. */
export const uploadFieldsSchema = z.object({
  type: z.enum(documentType.enumValues).default('other'),
  audience: z.enum(audience.enumValues).default('internal'),
  accountId: z.uuid().optional(),
  sourceId: z.string().min(1).max(500).optional(),
  title: z.string().min(1).max(500).optional(),
  version: z.coerce.number().int().min(1).optional(),
  effectiveFrom: day.optional(),
  effectiveTo: day.optional(),
});

const listSchema = z.object({
  type: z.enum(documentType.enumValues).optional(),
  accountId: z.uuid().optional(),
  includeSuperseded: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The knowledge-base endpoints: upload, list, delete and search, scoped to the caller. */
export function knowledgeRoutes(options: KnowledgeRouteOptions): Hono<{ Variables: AppVariables }> {
  const { db, embedder } = options;
  const app = new Hono<{ Variables: AppVariables }>();
  app.use('/v1/knowledge/*', authenticate(db));

  app.post('/v1/knowledge/search', async (context) => {
    const request = await readJson(context, searchSchema);
    const results = await searchKnowledge({ db, embedder }, context.var.caller, request);
    return context.json({ results });
  });

  app.get('/v1/knowledge/documents', async (context) => {
    const query = validate(listSchema, context.req.query());
    const { includeSuperseded, ...rest } = query;
    const listing = await listDocuments(db, context.var.caller, {
      ...rest,
      includeSuperseded: includeSuperseded === 'true',
    });
    return context.json(listing);
  });

  app.post(
    '/v1/knowledge/documents',
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES + 64 * 1024,
      onError: () => {
        throw new InputError({
          code: 'file_too_large',
          message: `The upload is over ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB; split the file.`,
        });
      },
    }),
    async (context) => {
      const caller = context.var.caller;
      requireRole(caller, KNOWLEDGE_EDITORS, 'upload knowledge-base documents');
      const form = await readForm(context.req.raw);
      const file = form.get('file');
      if (!(file instanceof File)) {
        throw new InputError({
          code: 'missing_file',
          message: 'Send the document as multipart/form-data with a "file" field.',
          details: { field: 'file' },
        });
      }
      const fields = validate(uploadFieldsSchema, Object.fromEntries(textFields(form)));
      const outcome = await ingestUpload(
        { db, embedder, tenantId: caller.tenantId },
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
        fields,
      );
      for (const document of outcome.documents) {
        if (document.status === 'unchanged') continue;
        await recordAudit(db, caller, {
          action: document.status === 'created' ? 'create' : 'update',
          resourceType: 'document',
          resourceId: document.documentId,
          via: 'POST /v1/knowledge/documents',
          requestId: context.var.requestId,
          details: {
            sourceId: document.sourceId,
            version: document.version,
            status: document.status,
          },
        });
      }
      return context.json(
        outcome,
        outcome.documents.some((d) => d.status !== 'unchanged') ? 201 : 200,
      );
    },
  );

  app.delete('/v1/knowledge/documents/:id', async (context) => {
    const id = validate(z.object({ id: z.uuid() }), context.req.param()).id;
    await deleteDocument(db, context.var.caller, id, {
      endpoint: 'DELETE /v1/knowledge/documents/:id',
      requestId: context.var.requestId,
    });
    return context.body(null, 204);
  });

  return app;
}

async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new InputError({
      code: 'invalid_form',
      message: 'The body is not multipart/form-data; send the document in a "file" field.',
    });
  }
}

function* textFields(form: FormData): Generator<[string, string]> {
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' && value !== '') yield [name, value];
  }
}
