import type { ConceptTagger } from './conceptTagger.js';
import { STOPWORDS, stem } from './textFeatures.js';

/** Bits of the hashed feature space: 2^16 buckets (the content has ~40 000 distinct features; few collide). */
export const HASH_BITS = 16;
/** Number of buckets of the hashed feature space. */
export const HASH_SIZE = 1 << HASH_BITS;

/** A sparse, L2-normalised feature vector: bucket indices and their values, same length. */
export interface HashedVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Weight of each kind of feature in a vector (each kind is normalised to this length before the whole is). */
export interface FeatureWeights {
  /** Word stems (content words only). Default 1. */
  readonly words: number;
  /** Pairs of consecutive words, function words included ("billet train", "carte sejour"). Default 0.4
   * (0.8 before issue 12's second round: on the content split and field set 1 + dev set, 3-fold, 0.4 read new
   * phrasings better; pairs are the most phrasing-specific features). */
  readonly bigrams: number;
  /** Concepts of the lexicon (the cross-language bridge). Default 1. */
  readonly concepts: number;
  /** Character 3- and 4-grams of content words (typos, SMS spellings, Arabic clitics). Default 1. */
  readonly chars: number;
}

/**
 * Longest character n-gram of a word (3-grams up to this). 4 since issue 12's second round: 5-grams added a
 * third of the features (the cost of a long message) and nothing on the content split or field set 1 + dev set.
 */
export const MAX_CHAR_GRAM = 4;

/** Default {@link FeatureWeights}. */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { words: 1, bigrams: 0.4, concepts: 1, chars: 1 };

/** 32-bit FNV-1a of a string, seeded by feature kind so "w:x" and "c:x" never share a bucket by construction. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const SEED_WORD = 0x811c9dc5;
const SEED_BIGRAM = 0x1234567;
const SEED_CONCEPT = 0x2468ace;
const SEED_CHAR = 0x13579bd;

const NO_GRAMS = new Int32Array(0);

/** Bucket of an ordered pair of token hashes (a multiply-xor mix, so "a b" and "b a" differ). */
function pairBucket(first: number, second: number): number {
  let h = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Buckets one word contributes on its own (stem and character n-grams), cached per word. */
interface WordBuckets {
  /** Hash of the token itself (function words included), for word pairs. */
  readonly token: number;
  /** Bucket of the stem, or -1 for a function word (no word or character features). */
  readonly word: number;
  readonly chars: Int32Array;
}

/**
 * Turns a tokenised message into a hashed, L2-normalised sparse vector of word, word-pair, concept and
 * character n-gram features (the "hashing trick": no vocabulary to build, the same function for training
 * and for messages). Each word's buckets are cached, so a long message costs a few map look-ups per word.
 */
export class FeatureHasher {
  private readonly cache = new Map<string, WordBuckets>();
  private readonly mask = HASH_SIZE - 1;
  /** Scratch accumulators (words, word pairs, concepts, character n-grams) reused by every call: no per-call maps. */
  private readonly groups = [new SparseAccumulator(), new SparseAccumulator(), new SparseAccumulator(), new SparseAccumulator()];
  private readonly merged = new SparseAccumulator();

  /**
   * @param tagger finds the concepts.
   * @param weights weight of each kind of feature, default {@link DEFAULT_FEATURE_WEIGHTS}.
   * @param cacheSize most distinct words cached, default 20 000 (cleared when full).
   * @param maxCharGram longest character n-gram, default {@link MAX_CHAR_GRAM}.
   */
  constructor(
    private readonly tagger: ConceptTagger,
    private readonly weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
    private readonly cacheSize = 20_000,
    private readonly maxCharGram = MAX_CHAR_GRAM,
  ) {}

  /** The hashed vector of `tokens` (the output of `tokenise`); empty when nothing is known of them. */
  vector(tokens: readonly string[]): HashedVector {
    const words = this.groups[0]!;
    const bigrams = this.groups[1]!;
    const concepts = this.groups[2]!;
    const chars = this.groups[3]!;
    let previous = -1;
    for (const token of tokens) {
      const wb = this.wordBuckets(token);
      if (wb.word >= 0) {
        words.add(wb.word, 1, true);
        for (let i = 0; i < wb.chars.length; i++) chars.add(wb.chars[i]!, 1, false);
      }
      if (previous !== -1) bigrams.add(pairBucket(previous, wb.token) & this.mask, 1, true);
      previous = wb.token;
    }
    for (const concept of this.tagger.conceptsOf(tokens)) concepts.add(fnv1a(concept, SEED_CONCEPT) & this.mask, 1, true);

    // Each kind is scaled to its weight, then the sum to unit length; buckets shared by two kinds add up.
    const merged = this.merged;
    const { words: w, bigrams: b, concepts: k, chars: c } = this.weights;
    words.drainInto(merged, w, false);
    bigrams.drainInto(merged, b, false);
    concepts.drainInto(merged, k, false);
    chars.drainInto(merged, c, true);
    return merged.drainNormalised();
  }

  private wordBuckets(token: string): WordBuckets {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    let result: WordBuckets = { token: fnv1a(token, SEED_BIGRAM), word: -1, chars: NO_GRAMS };
    if (!STOPWORDS.has(token) && token.length >= 2) {
      const s = stem(token);
      const padded = `<${s}>`;
      const grams: number[] = [];
      for (let n = 3; n <= this.maxCharGram; n++) for (let i = 0; i + n <= padded.length; i++) grams.push(fnv1a(padded.slice(i, i + n), SEED_CHAR) & this.mask);
      result = { token: result.token, word: fnv1a(s, SEED_WORD) & this.mask, chars: Int32Array.from(grams) };
    }
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(token, result);
    return result;
  }
}

/** A dense scratch array over the hashed space plus the list of touched buckets, cleared as it is read. */
class SparseAccumulator {
  private readonly values = new Float64Array(HASH_SIZE);
  private touched = new Int32Array(256);
  private count = 0;

  add(bucket: number, value: number, binary: boolean): void {
    const old = this.values[bucket]!;
    if (old === 0) {
      if (this.count === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.count++] = bucket;
    }
    this.values[bucket] = binary ? value : old + value;
  }

  /** Adds this group, scaled to length `weight` (counts made sublinear when asked), into `into`, and clears it. */
  drainInto(into: SparseAccumulator, weight: number, sublinear: boolean): void {
    let norm = 0;
    for (let i = 0; i < this.count; i++) {
      const b = this.touched[i]!;
      const v = sublinear ? 1 + Math.log(this.values[b]!) : this.values[b]!;
      this.values[b] = v;
      norm += v * v;
    }
    const scale = norm > 0 && weight > 0 ? weight / Math.sqrt(norm) : 0;
    for (let i = 0; i < this.count; i++) {
      const b = this.touched[i]!;
      if (scale > 0) into.add(b, this.values[b]! * scale, false);
      this.values[b] = 0;
    }
    this.count = 0;
  }

  /** The touched buckets as an L2-normalised vector, and clears it. */
  drainNormalised(): HashedVector {
    let norm = 0;
    for (let i = 0; i < this.count; i++) norm += this.values[this.touched[i]!]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = this.touched.slice(0, this.count);
    const values = new Float32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      values[i] = this.values[indices[i]!]! * scale;
      this.values[indices[i]!] = 0;
    }
    this.count = 0;
    return { indices, values };
  }
}
