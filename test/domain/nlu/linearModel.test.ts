import { describe, expect, it } from 'vitest';
import { LinearModel, trainLinearModel, mulberry32, softmaxInPlace, type TrainingExample } from '../../../src/domain/nlu/linearModel.js';
import type { HashedVector } from '../../../src/domain/nlu/featureHasher.js';

const DIMENSIONS = 16;
const vec = (pairs: Array<[number, number]>): HashedVector => {
  const norm = Math.sqrt(pairs.reduce((s, [, v]) => s + v * v, 0));
  return { indices: Int32Array.from(pairs.map(([i]) => i)), values: Float32Array.from(pairs.map(([, v]) => v / norm)) };
};

/** Three classes, each marked by its own features (0-1, 2-3, 4-5), with a shared noisy feature 9. */
function toySet(): TrainingExample[] {
  const random = mulberry32(7);
  const out: TrainingExample[] = [];
  for (let n = 0; n < 60; n++) {
    const label = n % 3;
    out.push({ label, vector: vec([[label * 2 + (n % 2), 1], [9, random()]]) });
  }
  return out;
}

const argmax = (p: Float64Array) => p.indexOf(Math.max(...p));

describe('trainLinearModel', () => {
  it('learns a toy set: each class from its own features, unseen combinations included', () => {
    const model = trainLinearModel(toySet(), 3, DIMENSIONS);
    expect(argmax(model.probabilities(vec([[0, 1]])))).toBe(0);
    expect(argmax(model.probabilities(vec([[3, 1]])))).toBe(1);
    expect(argmax(model.probabilities(vec([[4, 1], [5, 1]])))).toBe(2);
    // Both features of class 2 were never seen together; still class 2, and confidently.
    expect(model.probabilities(vec([[4, 1], [5, 1], [9, 0.5]]))[2]).toBeGreaterThan(0.8);
  });

  it('gives probabilities that sum to 1', () => {
    const model = trainLinearModel(toySet(), 3, DIMENSIONS);
    const p = model.probabilities(vec([[1, 1], [2, 1]]));
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('is deterministic: the same examples and seed give the same model, bit for bit', () => {
    const a = trainLinearModel(toySet(), 3, DIMENSIONS).probabilities(vec([[1, 1], [9, 1]]));
    const b = trainLinearModel(toySet(), 3, DIMENSIONS).probabilities(vec([[1, 1], [9, 1]]));
    expect([...a]).toEqual([...b]);
    // ...and the seed matters (the order of the examples changes the steps).
    const c = trainLinearModel(toySet(), 3, DIMENSIONS, { seed: 1 }).probabilities(vec([[1, 1], [9, 1]]));
    expect([...c]).not.toEqual([...a]);
  });

  it('knows nothing before training: an untrained model gives uniform probabilities', () => {
    const model = trainLinearModel(toySet(), 3, DIMENSIONS, { epochs: 0 });
    expect([...model.probabilities(vec([[0, 1]]))].map((x) => x.toFixed(6))).toEqual(['0.333333', '0.333333', '0.333333']);
  });
});

describe('LinearModel.freeze', () => {
  it('drops the negligible weights and keeps the decisions and, closely, the probabilities', () => {
    const model = trainLinearModel(toySet(), 3, DIMENSIONS);
    const full = model.freeze(0);
    const pruned = model.freeze(1 / 8);
    expect(pruned.storedWeights).toBeLessThan(full.storedWeights);
    expect(full.storedWeights).toBeLessThanOrEqual(3 * DIMENSIONS);
    for (const v of [vec([[0, 1]]), vec([[3, 1], [9, 1]]), vec([[4, 1], [5, 1]])]) {
      const exact = model.probabilities(v);
      expect(argmax(pruned.probabilities(v))).toBe(argmax(exact));
      full.probabilities(v).forEach((p, k) => expect(p).toBeCloseTo(exact[k]!, 3));
    }
  });

  it('keeps each weight with its class and its sign, past 256 classes too (class and weight share one entry)', () => {
    const classes = 300;
    const weights = new Float32Array(4 * classes);
    // Feature 1 speaks for class 299 and against class 7; feature 2 for class 256; feature 3 against class 0.
    weights[1 * classes + 299] = 2;
    weights[1 * classes + 7] = -1.5;
    weights[2 * classes + 256] = 1.25;
    weights[3 * classes + 0] = -2;
    const model = new LinearModel(classes, 4, weights, new Float32Array(classes));
    const frozen = model.freeze(0);
    expect(frozen.storedWeights).toBe(4);
    for (const v of [vec([[1, 1]]), vec([[2, 1], [3, 1]]), vec([[1, 1], [2, 2], [3, 1]])]) {
      const exact = model.probabilities(v);
      const scored = frozen.probabilities(v);
      exact.forEach((p, k) => expect(scored[k]).toBeCloseTo(p, 6));
    }
  });
});

describe('softmaxInPlace', () => {
  it('does not overflow on large scores', () => {
    const s = Float64Array.from([1000, 1000, 0]);
    softmaxInPlace(s);
    expect(s[0]).toBeCloseTo(0.5);
    expect(Number.isFinite(s[2]!)).toBe(true);
  });
});

describe('trainLinearModel example weights', () => {
  it('lets a heavier example win over a lighter one that contradicts it, and a weight of 0 teach nothing', () => {
    const same = vec([[0, 1], [1, 1]]);
    const conflicting = (w0: number, w1: number): TrainingExample[] =>
      Array.from({ length: 20 }, (_, n) => (n % 2 === 0 ? { vector: same, label: 0, weight: w0 } : { vector: same, label: 1, weight: w1 }));
    const heavier = trainLinearModel(conflicting(1, 0.3), 2, DIMENSIONS).probabilities(same);
    expect(heavier[0]).toBeGreaterThan(0.6);
    const flipped = trainLinearModel(conflicting(0.3, 1), 2, DIMENSIONS).probabilities(same);
    expect(flipped[1]).toBeGreaterThan(0.6);
    const silent = trainLinearModel(conflicting(1, 0), 2, DIMENSIONS).probabilities(same);
    const alone = trainLinearModel(conflicting(1, 1).filter((e) => e.label === 0), 2, DIMENSIONS).probabilities(same);
    expect(silent[0]).toBeGreaterThan(0.95);
    expect(silent[0]).toBeCloseTo(alone[0]!, 1);
  });
});
