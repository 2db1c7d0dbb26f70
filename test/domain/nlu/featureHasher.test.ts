import { describe, expect, it } from 'vitest';
import { ConceptTagger } from '../../../src/domain/nlu/conceptTagger.js';
import { DEFAULT_FEATURE_WEIGHTS, FeatureHasher, HASH_SIZE, MAX_CHAR_GRAM, fnv1a } from '../../../src/domain/nlu/featureHasher.js';
import { tokenise } from '../../../src/domain/nlu/normalise.js';
import { STOPWORDS, stem } from '../../../src/domain/nlu/textFeatures.js';

/**
 * The vector written plainly, with maps (as the hasher computed it before its scratch arrays were shared): each
 * kind's buckets in first-seen order, scaled to the kind's weight, summed in kind order, then normalised.
 */
function plainVector(tagger: ConceptTagger, tokens: readonly string[]): { indices: number[]; values: number[] } {
  const mask = HASH_SIZE - 1;
  const pair = (first: number, second: number) => {
    let h = Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second;
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  const [words, bigrams, concepts, chars] = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  let previous = -1;
  for (const token of tokens) {
    const own = fnv1a(token, 0x1234567);
    if (!STOPWORDS.has(token) && token.length >= 2) {
      const s = stem(token);
      words.set(fnv1a(s, 0x811c9dc5) & mask, 1);
      const padded = `<${s}>`;
      for (let n = 3; n <= MAX_CHAR_GRAM; n++) {
        for (let i = 0; i + n <= padded.length; i++) {
          const g = fnv1a(padded.slice(i, i + n), 0x13579bd) & mask;
          chars.set(g, (chars.get(g) ?? 0) + 1);
        }
      }
    }
    if (previous !== -1) bigrams.set(pair(previous, own) & mask, 1);
    previous = own;
  }
  for (const concept of tagger.conceptsOf(tokens)) concepts.set(fnv1a(concept, 0x2468ace) & mask, 1);
  for (const [g, n] of chars) chars.set(g, 1 + Math.log(n));
  const sum = new Map<number, number>();
  const { words: w, bigrams: b, concepts: k, chars: c } = DEFAULT_FEATURE_WEIGHTS;
  for (const [kind, weight] of [[words, w], [bigrams, b], [concepts, k], [chars, c]] as const) {
    let norm = 0;
    for (const v of kind.values()) norm += v * v;
    const scale = norm > 0 && weight > 0 ? weight / Math.sqrt(norm) : 0;
    if (scale > 0) for (const [bucket, v] of kind) sum.set(bucket, (sum.get(bucket) ?? 0) + v * scale);
  }
  let norm = 0;
  for (const v of sum.values()) norm += v ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: [...sum.keys()], values: [...Float32Array.from([...sum.values()].map((v) => v * scale))] };
}

const hasher = new FeatureHasher(new ConceptTagger());
const dense = (text: string) => {
  const v = hasher.vector(tokenise(text));
  const out = new Map<number, number>();
  v.indices.forEach((i, k) => out.set(i, (out.get(i) ?? 0) + v.values[k]!));
  return out;
};
const cosine = (a: string, b: string) => {
  const x = dense(a);
  const y = dense(b);
  let dot = 0;
  for (const [k, v] of x) dot += v * (y.get(k) ?? 0);
  return dot;
};

describe('FeatureHasher', () => {
  it('gives the same unit-length vector for the same text, every time', () => {
    const a = hasher.vector(tokenise('je veux rentrer au pays'));
    const b = hasher.vector(tokenise('je veux rentrer au pays'));
    expect([...a.indices]).toEqual([...b.indices]);
    expect([...a.values]).toEqual([...b.values]);
    expect(a.values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
    expect(Math.max(...a.indices)).toBeLessThan(HASH_SIZE);
  });

  it('gives, bit for bit, the vector written plainly with maps, message after message (its scratch state is cleared)', () => {
    const tagger = new ConceptTagger();
    const own = new FeatureHasher(tagger);
    const story = 'bonjour je suis arrive en france avec mes enfants, le passeport est perdu, passeport perdu passeport, ';
    for (const text of [
      'je veux rentrer au pays, le billet est gratuit ?',
      'how do I register for the return programme',
      'واش خاصني باسبور باش نرجع للمغرب؟ بالعربية عافاك',
      'chno khasni ndir bach nrj3 l bladi',
      story.repeat(12),
      '',
      'aaa aaa aaa le la les',
      'je veux rentrer au pays, le billet est gratuit ?',
    ]) {
      const tokens = tokenise(text);
      const v = own.vector(tokens);
      const plain = plainVector(tagger, tokens);
      expect([...v.indices]).toEqual(plain.indices);
      expect([...v.values]).toEqual(plain.values);
    }
  });

  it('is empty for an empty message', () => {
    expect(hasher.vector([]).indices.length).toBe(0);
  });

  it('keeps typos close (character n-grams) and word order apart (word pairs)', () => {
    expect(cosine('passeport perdu', 'pasport perdu')).toBeGreaterThan(0.5);
    expect(cosine('billet train', 'train billet')).toBeLessThan(0.999);
    expect(cosine('billet train', 'billet train')).toBeCloseTo(1, 5);
  });

  it('bridges languages through concepts: "gratuit" and "free" share a feature', () => {
    expect(cosine('gratuit', 'free')).toBeGreaterThan(0.2);
    expect(cosine('gratuit', 'passport')).toBe(0);
  });
});
