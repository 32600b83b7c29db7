/**
 * Signed feature hashing for the offline embedder: features are identified by a 32-bit
 * FNV-1a hash, then each lands in one of `dimensions` buckets with a sign taken from
 * another bit, so that collisions cancel out on average instead of piling up.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The hashes of one group's features, one entry per occurrence. */
export type FeatureHashes = number[];

/** A hash state to start from, different for each kind of feature. */
export function hashSeed(kind: string): number {
  return hashCodes(FNV_OFFSET, kind, 0, kind.length);
}

/** Continues a hash with the UTF-16 code units of `text` from `start` to `end`. */
export function hashCodes(state: number, text: string, start: number, end: number): number {
  let hash = state;
  for (let index = start; index < end; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  }
  return hash >>> 0;
}

/** Continues a hash with one code unit, e.g. a separator or a word-boundary mark. */
export function hashCode(state: number, code: number): number {
  return Math.imul(state ^ code, FNV_PRIME) >>> 0;
}

/**
 * Adds a group of features to `vector` with sublinear weights (1 + ln tf), scaled so
 * the group's own part has length `weight`: each group then counts as much as its
 * weight, whatever the text's length. `scratch` is a zeroed work buffer of the same
 * width, left zeroed.
 */
export function addFeatureGroup(options: {
  vector: Float64Array;
  scratch: Float64Array;
  hashes: FeatureHashes;
  weight: number;
}): void {
  const { vector, scratch, hashes, weight } = options;
  const dimensions = vector.length;

  forEachDistinct(hashes, (hash, count) => {
    const mixed = finalMix(hash);
    const bucket = (mixed & 0x7fffffff) % dimensions;
    const sign = mixed & 0x80000000 ? -1 : 1;
    scratch[bucket] = (scratch[bucket] ?? 0) + sign * (1 + Math.log(count));
  });

  let sumOfSquares = 0;
  for (const value of scratch) sumOfSquares += value * value;
  const scale = sumOfSquares > 0 ? weight / Math.sqrt(sumOfSquares) : 0;

  for (let index = 0; index < dimensions; index += 1) {
    vector[index] = (vector[index] ?? 0) + (scratch[index] ?? 0) * scale;
  }
  scratch.fill(0);
}

/** Calls `visit` once per distinct hash with its count; sorting beats a Map here. */
function forEachDistinct(hashes: FeatureHashes, visit: (hash: number, count: number) => void) {
  const sorted = Uint32Array.from(hashes).sort();
  let start = 0;
  for (let index = 1; index <= sorted.length; index += 1) {
    if (index < sorted.length && sorted[index] === sorted[start]) continue;
    visit(sorted[start] ?? 0, index - start);
    start = index;
  }
}

/** Murmur3's 32-bit finaliser: spreads FNV's weak low bits over the whole word. */
function finalMix(hash: number): number {
  let mixed = hash;
  mixed ^= mixed >>> 16;
  mixed = Math.imul(mixed, 0x85ebca6b);
  mixed ^= mixed >>> 13;
  mixed = Math.imul(mixed, 0xc2b2ae35);
  mixed ^= mixed >>> 16;
  return mixed >>> 0;
}
