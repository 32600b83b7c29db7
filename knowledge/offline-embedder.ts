import { ConfigurationError } from '../lib/errors.ts';
import { blankTextVector, type Embedder, normalizeVector } from './embedder.ts';
import {
  addFeatureGroup,
  type FeatureHashes,
  hashCode,
  hashCodes,
  hashSeed,
} from './feature-hashing.ts';
import { findConcepts } from './glossary.ts';
import { analyseText, type TextFeatures } from './text-features.ts';

/**
 * Version of the offline features. Bump it whenever the features, their weights, the
 * stop words or the glossary change: stored vectors are only comparable within one id.
 */
const VERSION = 'offline-hash-v1';
const DEFAULT_DIMENSIONS = 512;

/** How much each group of features counts in the vector (the groups' parts' lengths). */
const WEIGHTS = { word: 1, wordPair: 0.5, characters: 0.7, concept: 0.9 } as const;

const SEEDS = {
  word: hashSeed('word'),
  wordPair: hashSeed('pair'),
  characters: hashSeed('char'),
  concept: hashSeed('concept'),
} as const;

const HAN = /^\p{Script=Han}/u;
const LETTER = /\p{L}/u;
const WORD_START = 0x02;
const WORD_END = 0x03;
const SEPARATOR = 0x20;

export interface OfflineEmbedderOptions {
  /** Width of the vectors; 512 by default, the width the database stores. */
  dimensions?: number;
}

/**
 * An embedder that needs no network and no model: deterministic hashed features of
 * words, word pairs, character n-grams and glossary concepts. Good for keyword-like
 * similarity and listed domain terms across Chinese and English; it does not know
 * synonyms or meaning beyond the glossary. Vectors depend on the runtime's ICU word
 * segmentation data, so a Node.js upgrade can shift Chinese vectors slightly.
 */
export function createOfflineEmbedder(options: OfflineEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? DEFAULT_DIMENSIONS;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new ConfigurationError({
      code: 'embedding_dimensions_invalid',
      message: `Offline embedder dimensions must be a whole number above 0, got ${dimensions}.`,
    });
  }
  const id = dimensions === DEFAULT_DIMENSIONS ? VERSION : `${VERSION}@${dimensions}`;
  const buffers = { vector: new Float64Array(dimensions), scratch: new Float64Array(dimensions) };

  return {
    id,
    dimensions,
    async embed(texts, embedOptions) {
      embedOptions?.signal?.throwIfAborted();
      return texts.map((text) => embedText(text, buffers));
    },
  };
}

function embedText(text: string, buffers: { vector: Float64Array; scratch: Float64Array }) {
  const features = analyseText(text);
  const { vector, scratch } = buffers;

  vector.fill(0);
  addFeatureGroup({ vector, scratch, hashes: countWords(features), weight: WEIGHTS.word });
  addFeatureGroup({ vector, scratch, hashes: countWordPairs(features), weight: WEIGHTS.wordPair });
  addFeatureGroup({
    vector,
    scratch,
    hashes: countCharacters(features),
    weight: WEIGHTS.characters,
  });
  addFeatureGroup({ vector, scratch, hashes: countConcepts(features), weight: WEIGHTS.concept });

  return normalizeVector(vector) ?? blankTextVector(vector.length);
}

function countWords(features: TextFeatures): FeatureHashes {
  const counts: FeatureHashes = [];
  for (const word of features.contentWords) {
    counts.push(hashCodes(SEEDS.word, word, 0, word.length));
  }
  return counts;
}

function countWordPairs(features: TextFeatures): FeatureHashes {
  const counts: FeatureHashes = [];
  const words = features.contentWords;
  for (let index = 1; index < words.length; index += 1) {
    const first = words[index - 1] ?? '';
    const second = words[index] ?? '';
    const state = hashCode(hashCodes(SEEDS.wordPair, first, 0, first.length), SEPARATOR);
    counts.push(hashCodes(state, second, 0, second.length));
  }
  return counts;
}

/**
 * Chinese character bigrams, which catch words the segmenter splits differently, and
 * character trigrams of other words with boundary marks, which catch shared stems
 * (procure, procurement).
 */
function countCharacters(features: TextFeatures): FeatureHashes {
  const counts: FeatureHashes = [];
  for (const run of features.hanRuns) {
    if (run.length === 1) counts.push(hashCodes(SEEDS.characters, run, 0, 1));
    for (let start = 0; start + 2 <= run.length; start += 1) {
      counts.push(hashCodes(SEEDS.characters, run, start, start + 2));
    }
  }
  for (const word of features.contentWords) {
    if (!HAN.test(word) && LETTER.test(word)) countTrigrams(counts, word);
  }
  return counts;
}

function countTrigrams(counts: FeatureHashes, word: string): void {
  const codes = [WORD_START];
  for (let index = 0; index < word.length; index += 1) codes.push(word.charCodeAt(index));
  codes.push(WORD_END);

  for (let start = 0; start + 3 <= codes.length; start += 1) {
    let hash = SEEDS.characters;
    for (let offset = 0; offset < 3; offset += 1) hash = hashCode(hash, codes[start + offset] ?? 0);
    counts.push(hash);
  }
}

function countConcepts(features: TextFeatures): FeatureHashes {
  const counts: FeatureHashes = [];
  for (const concept of findConcepts(features)) {
    counts.push(hashCodes(SEEDS.concept, concept, 0, concept.length));
  }
  return counts;
}
