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

/** Bits of {@link FeatureHasher}'s scratch marks: the kinds of feature a bucket was already counted for. */
const MARK_WORD = 1;
const MARK_BIGRAM = 2;
const MARK_CONCEPT = 4;

/**
 * Turns a tokenised message into a hashed, L2-normalised sparse vector of word, word-pair, concept and
 * character n-gram features (the "hashing trick": no vocabulary to build, the same function for training
 * and for messages). Each word's buckets are cached, so a long message costs a few map look-ups per word.
 */
export class FeatureHasher {
  private readonly cache = new Map<string, WordBuckets>();
  private readonly conceptBuckets = new Map<string, number>();
  private readonly mask = HASH_SIZE - 1;
  // Scratch state reused by every call (no per-call maps), cleared as it is read. A long message's buckets are
  // scattered over the whole space: one byte of marks, one count and one sum per bucket (under 1 MB) replaced a
  // dense sum per kind and one for the whole (2.6 MB), which cost cache misses.
  /** Per bucket, which of the binary kinds (word, pair, concept) already count it. */
  private readonly marks = new Uint8Array(HASH_SIZE);
  /** Per bucket, how many times a character n-gram fell on it. */
  private readonly charCounts = new Int32Array(HASH_SIZE);
  /** Per bucket, the weighted sum of its kinds. */
  private readonly sums = new Float64Array(HASH_SIZE);
  /** The buckets of each kind (words, word pairs, concepts, character n-grams) in first-seen order, and of the sum. */
  private readonly lists = [new BucketList(), new BucketList(), new BucketList(), new BucketList()];
  private readonly summed = new BucketList();

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
    const { marks, charCounts, mask } = this;
    const words = this.lists[0]!;
    const bigrams = this.lists[1]!;
    const concepts = this.lists[2]!;
    const chars = this.lists[3]!;
    let previous = -1;
    for (let t = 0; t < tokens.length; t++) {
      const wb = this.wordBuckets(tokens[t]!);
      const word = wb.word;
      if (word >= 0) {
        if ((marks[word]! & MARK_WORD) === 0) {
          marks[word] = marks[word]! | MARK_WORD;
          words.push(word);
        }
        const grams = wb.chars;
        for (let i = 0; i < grams.length; i++) {
          const g = grams[i]!;
          const seen = charCounts[g]!;
          if (seen === 0) chars.push(g);
          charCounts[g] = seen + 1;
        }
      }
      if (previous !== -1) {
        const pair = pairBucket(previous, wb.token) & mask;
        if ((marks[pair]! & MARK_BIGRAM) === 0) {
          marks[pair] = marks[pair]! | MARK_BIGRAM;
          bigrams.push(pair);
        }
      }
      previous = wb.token;
    }
    for (const concept of this.tagger.conceptsOf(tokens)) {
      const bucket = this.conceptBucket(concept);
      if ((marks[bucket]! & MARK_CONCEPT) === 0) {
        marks[bucket] = marks[bucket]! | MARK_CONCEPT;
        concepts.push(bucket);
      }
    }

    // Each kind is scaled to its weight, then the sum to unit length; buckets shared by two kinds add up (in this
    // order of kinds, and each sum's buckets in first-seen order: the same floating-point sums on every run).
    const { words: w, bigrams: b, concepts: k, chars: c } = this.weights;
    this.addBinary(words, w);
    this.addBinary(bigrams, b);
    this.addBinary(concepts, k);
    this.addChars(chars, c);
    for (const list of [words, bigrams, concepts]) {
      for (let i = 0; i < list.count; i++) marks[list.buckets[i]!] = 0;
      list.count = 0;
    }
    return this.drainNormalised();
  }

  /** Adds a binary kind (each bucket 1), scaled to length `weight`, to the sums. */
  private addBinary(list: BucketList, weight: number): void {
    // Each bucket counts 1, so the squared norm is the count (the sum of ones, exact).
    const scale = list.count > 0 && weight > 0 ? weight / Math.sqrt(list.count) : 0;
    if (scale > 0) for (let i = 0; i < list.count; i++) this.addToSum(list.buckets[i]!, scale);
  }

  /** Adds the character n-grams (counts made sublinear, 1 + ln n), scaled to length `weight`, to the sums, and clears them. */
  private addChars(list: BucketList, weight: number): void {
    const { charCounts } = this;
    let norm = 0;
    for (let i = 0; i < list.count; i++) {
      const v = 1 + Math.log(charCounts[list.buckets[i]!]!);
      norm += v * v;
    }
    const scale = norm > 0 && weight > 0 ? weight / Math.sqrt(norm) : 0;
    for (let i = 0; i < list.count; i++) {
      const bucket = list.buckets[i]!;
      if (scale > 0) this.addToSum(bucket, (1 + Math.log(charCounts[bucket]!)) * scale);
      charCounts[bucket] = 0;
    }
    list.count = 0;
  }

  private addToSum(bucket: number, value: number): void {
    if (this.sums[bucket] === 0) this.summed.push(bucket);
    this.sums[bucket]! += value;
  }

  /** The summed buckets as an L2-normalised vector, and clears them. */
  private drainNormalised(): HashedVector {
    const { sums, summed } = this;
    let norm = 0;
    for (let i = 0; i < summed.count; i++) norm += sums[summed.buckets[i]!]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const indices = summed.buckets.slice(0, summed.count);
    const values = new Float32Array(summed.count);
    for (let i = 0; i < summed.count; i++) {
      values[i] = sums[indices[i]!]! * scale;
      sums[indices[i]!] = 0;
    }
    summed.count = 0;
    return { indices, values };
  }

  private conceptBucket(concept: string): number {
    let bucket = this.conceptBuckets.get(concept);
    if (bucket === undefined) {
      bucket = fnv1a(concept, SEED_CONCEPT) & this.mask;
      if (this.conceptBuckets.size >= this.cacheSize) this.conceptBuckets.clear();
      this.conceptBuckets.set(concept, bucket);
    }
    return bucket;
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

/** A growable list of bucket indices (scratch, reused). */
class BucketList {
  buckets = new Int32Array(256);
  count = 0;

  push(bucket: number): void {
    if (this.count === this.buckets.length) {
      const grown = new Int32Array(this.buckets.length * 2);
      grown.set(this.buckets);
      this.buckets = grown;
    }
    this.buckets[this.count++] = bucket;
  }
}
