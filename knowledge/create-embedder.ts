import { EMBEDDING_DIMENSIONS } from '../db/schema/index.ts';
import type { Config } from '../lib/config.ts';
import type { Embedder } from './embedder.ts';
import { createOfflineEmbedder } from './offline-embedder.ts';
import { createOpenAIEmbedder } from './openai-embedder.ts';

// Limitation: stored vectors do not record their embedder; after switching, re-ingest everything.
/** The embedder the configuration asks for, producing vectors as wide as the schema's. */
export function createEmbedder(configuration: Config['embeddings']): Embedder {
  if (configuration.provider === 'offline') return createOfflineEmbedder();
  return createOpenAIEmbedder({
    apiKey: configuration.apiKey,
    model: configuration.model,
    dimensions: EMBEDDING_DIMENSIONS,
    ...(configuration.baseUrl ? { baseUrl: configuration.baseUrl } : {}),
  });
}
