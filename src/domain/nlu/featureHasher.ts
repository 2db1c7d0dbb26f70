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
  /** Pairs of consecutive words, function words included ("billet train", "carte sejour"). Default 0.8. */
  readonly bigrams: number;
  /** Concepts of the lexicon (the cross-language bridge). Default 1. */
  readonly concepts: number;
  /** Character 3- to 5-grams of content words (typos, SMS spellings, Arabic clitics). Default 1. */
  readonly chars: number;
}

/** Default {@link FeatureWeights}. */
export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { words: 1, bigrams: 0.8, concepts: 1, chars: 1 };

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

/** Buckets one word contributes on its own (stem and character n-grams), cached per word. */
interface WordBuckets {
  readonly word: number;
  readonly chars: Int32Array;
}

/**
 * Turns a tokenised message into a hashed, L2-normalised sparse vector of word, word-pair, concept and
 * character n-gram features (the "hashing trick": no vocabulary to build, the same function for training
 * and for messages). Each word's buckets are cached, so a long message costs a few map look-ups per word.
 */
export class FeatureHasher {
  private readonly cache = new Map<string, WordBuckets | null>();
  private readonly mask = HASH_SIZE - 1;

  /**
   * @param tagger finds the concepts.
   * @param weights weight of each kind of feature, default {@link DEFAULT_FEATURE_WEIGHTS}.
   * @param cacheSize most distinct words cached, default 20 000 (cleared when full).
   */
  constructor(
    private readonly tagger: ConceptTagger,
    private readonly weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
    private readonly cacheSize = 20_000,
  ) {}

  /** The hashed vector of `tokens` (the output of `tokenise`); empty when nothing is known of them. */
  vector(tokens: readonly string[]): HashedVector {
    const words = new Map<number, number>();
    const chars = new Map<number, number>();
    const bigrams = new Map<number, number>();
    const concepts = new Map<number, number>();
    let previous: string | null = null;
    for (const token of tokens) {
      const wb = this.wordBuckets(token);
      if (wb) {
        words.set(wb.word, 1);
        for (const c of wb.chars) chars.set(c, (chars.get(c) ?? 0) + 1);
      }
      if (previous !== null) bigrams.set(fnv1a(`${previous} ${token}`, SEED_BIGRAM) & this.mask, 1);
      previous = token;
    }
    for (const concept of this.tagger.conceptsOf(tokens)) concepts.set(fnv1a(concept, SEED_CONCEPT) & this.mask, 1);

    const merged = new Map<number, number>();
    const addGroup = (group: Map<number, number>, weight: number, sublinear: boolean) => {
      if (group.size === 0 || weight === 0) return;
      let norm = 0;
      for (const [k, v] of group) {
        const w = sublinear ? 1 + Math.log(v) : v;
        group.set(k, w);
        norm += w * w;
      }
      const scale = weight / Math.sqrt(norm);
      for (const [k, v] of group) merged.set(k, (merged.get(k) ?? 0) + v * scale);
    };
    addGroup(words, this.weights.words, false);
    addGroup(bigrams, this.weights.bigrams, false);
    addGroup(concepts, this.weights.concepts, false);
    addGroup(chars, this.weights.chars, true);

    let norm = 0;
    for (const v of merged.values()) norm += v * v;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = new Int32Array(merged.size);
    const values = new Float32Array(merged.size);
    let i = 0;
    for (const [k, v] of merged) {
      indices[i] = k;
      values[i] = v * scale;
      i++;
    }
    return { indices, values };
  }

  private wordBuckets(token: string): WordBuckets | null {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    let result: WordBuckets | null = null;
    if (!STOPWORDS.has(token) && token.length >= 2) {
      const s = stem(token);
      const padded = `<${s}>`;
      const grams: number[] = [];
      for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) grams.push(fnv1a(padded.slice(i, i + n), SEED_CHAR) & this.mask);
      result = { word: fnv1a(s, SEED_WORD) & this.mask, chars: Int32Array.from(grams) };
    }
    if (this.cache.size >= this.cacheSize) this.cache.clear();
    this.cache.set(token, result);
    return result;
  }
}
