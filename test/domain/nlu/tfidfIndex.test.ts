import { describe, expect, it } from 'vitest';
import { TfidfIndex } from '../../../src/domain/nlu/tfidfIndex.js';

const doc = (...words: string[]) => new Map(words.map((w) => [w, 1]));

describe('TfidfIndex', () => {
  const index = new TfidfIndex([doc('free', 'ticket'), doc('passport', 'lost'), doc('free', 'passport')]);

  it('gives cosine 1 to an identical document and 0 to one with nothing in common', () => {
    const sims = new Float64Array(3);
    index.accumulate(doc('passport', 'lost'), sims, 1);
    expect(sims[1]).toBeCloseTo(1, 6);
    expect(sims[0]).toBe(0);
    expect(sims[2]).toBeGreaterThan(0);
    expect(sims[2]).toBeLessThan(1);
  });

  it('lowers the score of a query full of unknown words', () => {
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    index.accumulate(doc('passport', 'lost'), a, 1);
    index.accumulate(doc('passport', 'lost', 'zebra', 'piano'), b, 1);
    expect(b[1]).toBeLessThan(a[1]!);
  });

  it('drops features present in too many documents', () => {
    const pruned = new TfidfIndex([doc('the', 'a'), doc('the', 'b'), doc('the', 'c')], { maxDocumentShare: 0.5 });
    const sims = new Float64Array(3);
    pruned.accumulate(doc('the'), sims, 1);
    expect([...sims]).toEqual([0, 0, 0]);
  });
});
