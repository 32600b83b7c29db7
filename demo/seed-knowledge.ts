import { readFile } from 'node:fs/promises';
import type { Database } from '../db/client.ts';
import type { Embedder } from '../knowledge/embedder.ts';
import { ingestDocument } from '../knowledge/ingest-document.ts';
import { parseFile } from '../knowledge/parse/parse-file.ts';
import type { DemoDocument } from './data-format.ts';

/** Documents newly stored or changed by one run. */
export interface KnowledgeSeedCounts {
  documents: number;
  chunks: number;
}

/**
 * Ingests the demo knowledge files through the same pipeline as any upload; unchanged
 * files are skipped by their content hash, so a second run stores nothing.
 */
export async function seedDemoKnowledge(options: {
  db: Database;
  embedder: Embedder;
  tenantId: string;
  documents: DemoDocument[];
  accountId: (key: string) => string;
}): Promise<KnowledgeSeedCounts> {
  const counts: KnowledgeSeedCounts = { documents: 0, chunks: 0 };
  const context = { db: options.db, embedder: options.embedder, tenantId: options.tenantId };

  for (const document of options.documents) {
    const bytes = await readFile(new URL(`./knowledge/${document.file}`, import.meta.url));
    const parsed = await parseFile({ name: document.file, bytes });
    for (const content of parsed.documents) {
      const outcome = await ingestDocument(context, content, {
        sourceId: document.sourceId,
        title: document.title,
        type: document.type,
        audience: document.audience,
        accountId: document.accountKey ? options.accountId(document.accountKey) : null,
        version: document.version,
        effectiveFrom: document.effectiveFrom ?? null,
        effectiveTo: document.effectiveTo ?? null,
      });
      if (outcome.status === 'unchanged') continue;
      counts.documents += 1;
      counts.chunks += outcome.chunks;
    }
  }
  return counts;
}
