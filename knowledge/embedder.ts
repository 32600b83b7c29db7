/**
 * The embedder contract shared by the offline embedder and the OpenAI-compatible one,
 * with the two vector helpers every implementation needs to keep it.
 */

/** Options for one call of {@link Embedder.embed}. */
export interface EmbedOptions {
  /** Aborts the call; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Turns texts into vectors for semantic search; every vector has `dimensions` values. */
export interface Embedder {
  /**
   * Stable identifier of the model and its settings, stored with vectors, e.g.
   * 'offline-hash-v1' or 'openai:text-embedding-3-small@512'. Vectors with different
   * ids are not comparable.
   */
  readonly id: string;
  readonly dimensions: number;
  /** One unit-length vector per text, same order. */
  embed(texts: string[], options?: EmbedOptions): Promise<number[][]>;
}

/**
 * The vector given to a text with nothing to embed (empty, spaces, punctuation only):
 * unit length, every value equal, so cosine distance stays defined (a zero vector
 * makes pgvector return NaN) and it sits far from any real text.
 */
export function blankTextVector(dimensions: number): number[] {
  return new Array<number>(dimensions).fill(1 / Math.sqrt(dimensions));
}

/** The vector scaled to unit length, or undefined when it is all zeros or not finite. */
export function normalizeVector(values: ArrayLike<number>): number[] | undefined {
  let sumOfSquares = 0;
  for (let index = 0; index < values.length; index += 1) {
    const value = values[index] ?? 0;
    sumOfSquares += value * value;
  }
  if (!(sumOfSquares > 0) || !Number.isFinite(sumOfSquares)) return undefined;

  const scale = 1 / Math.sqrt(sumOfSquares);
  const unit = new Array<number>(values.length);
  for (let index = 0; index < values.length; index += 1) unit[index] = (values[index] ?? 0) * scale;
  return unit;
}
