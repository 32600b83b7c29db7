import { PGVectorStore } from '@langchain/community/vectorstores/pgvector';
import { Document } from '@langchain/core/documents';
import { Embeddings } from '@langchain/core/embeddings';
import type { Embedder } from '../../knowledge/embedder.ts';
import type { SyntheticChunk } from './synthetic-corpus.ts';

/** Our embedder behind LangChain's Embeddings interface, so both stores get the same vectors. */
class DealwiseEmbeddings extends Embeddings {
  constructor(private readonly embedder: Embedder) {
    super({});
  }

  embedDocuments(texts: string[]): Promise<number[][]> {
    return this.embedder.embed(texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.embedder.embed([text]);
    return vector as number[];
  }
}

/**
 * The store most teams would reach for: LangChain's PGVectorStore on the same server,
 * loaded with the same chunks and vectors, with an HNSW cosine index.
 */
export async function loadLangChainStore(options: {
  connectionString: string;
  embedder: Embedder;
  corpus: SyntheticChunk[];
  vectors: number[][];
}): Promise<{ store: PGVectorStore; loadMs: number; indexMs: number }> {
  const store = await PGVectorStore.initialize(new DealwiseEmbeddings(options.embedder), {
    postgresConnectionOptions: { connectionString: options.connectionString, max: 4 },
    tableName: 'langchain_chunks',
    dimensions: options.embedder.dimensions,
    distanceStrategy: 'cosine',
  });

  let started = performance.now();
  const documents = options.corpus.map(
    (chunk) =>
      new Document({
        pageContent: chunk.text,
        metadata: { audience: chunk.audience, account: chunk.accountIndex },
      }),
  );
  await store.addVectors(options.vectors, documents);
  const loadMs = performance.now() - started;

  started = performance.now();
  await store.createHnswIndex({ dimensions: options.embedder.dimensions });
  await store.pool.query('analyze langchain_chunks');
  return { store, loadMs, indexMs: performance.now() - started };
}
