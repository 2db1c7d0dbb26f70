import { describe, expect, it } from 'vitest';
import { ConceptTagger } from '../../../src/domain/nlu/conceptTagger.js';
import { FeatureHasher, HASH_SIZE } from '../../../src/domain/nlu/featureHasher.js';
import { tokenise } from '../../../src/domain/nlu/normalise.js';

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
