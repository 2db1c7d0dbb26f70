import { LinearModel, mulberry32, type TrainingExample } from '../nlu/linearModel.js';

/** Options of {@link trainAveragedModel}. */
export interface AveragedTrainingOptions {
  /** Passes over the examples. */
  readonly epochs: number;
  /** Passes after which the weights start being averaged (0: from the first step). */
  readonly averageFrom: number;
  /** AdaGrad base learning rate. */
  readonly learningRate: number;
  /** L2 penalty per update (weight decay, scaled by the step). */
  readonly l2: number;
  /** Seed of the example order. */
  readonly seed: number;
  /** Starting value of AdaGrad's sums of squared gradients (0: a feature's first step is a full `learningRate`). */
  readonly initialAccumulator?: number;
}

/** Gradients smaller than this (per class, per example) are not applied (as the topic model's trainer). */
const MIN_GRADIENT = 1e-3;

/**
 * Multinomial logistic regression trained by AdaGrad SGD, made insensitive to the order of the examples (the seed):
 * - AdaGrad's sums of squared gradients start at `initialAccumulator`, not 0: from 0, a feature's first update is a
 *   full `learningRate` whatever the size of its gradient, so the weight of a rare feature (most character n-grams
 *   and word pairs) was set by whichever of its examples came first;
 * - the answer is the **average of the weights over every step** from pass `averageFrom` on (Polyak–Ruppert
 *   averaging), not the last step's, which depend on the order the last examples came in.
 * The average costs one addition per update: it is kept as `w − u / steps`, `u` the sum of every update times the
 * number of steps before it.
 */
export function trainAveragedModel(examples: readonly TrainingExample[], classes: number, dimensions: number, options: AveragedTrainingOptions): LinearModel {
  const { epochs, averageFrom, learningRate: rate, l2 } = options;
  const random = mulberry32(options.seed);
  const weights = new Float32Array(dimensions * classes);
  const bias = new Float32Array(classes);
  // Updates weighted by their step number, for the average; float64, as they grow with the steps.
  const weighted = new Float64Array(dimensions * classes);
  const biasWeighted = new Float64Array(classes);
  const squared = new Float32Array(dimensions).fill(options.initialAccumulator ?? 0);
  const biasSquared = new Float64Array(classes);
  const p = new Float64Array(classes);
  const active = new Int32Array(classes);
  const order = Int32Array.from(examples.keys());
  const model = new LinearModel(classes, dimensions, weights, bias);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffle(order, random);
    const averaging = epoch >= averageFrom;
    for (const index of order) {
      const { vector, label } = examples[index]!;
      // Steps before the averaged passes are the starting point, not part of the average.
      const before = averaging ? step++ : 0;
      model.probabilities(vector, p);
      p[label]! -= 1;
      let norm = 0;
      let count = 0;
      for (let k = 0; k < classes; k++) {
        norm += p[k]! * p[k]!;
        biasSquared[k]! += p[k]! * p[k]!;
        const delta = (rate * p[k]!) / Math.sqrt(biasSquared[k]! + 1e-8);
        bias[k]! -= delta;
        biasWeighted[k]! -= before * delta;
        if (Math.abs(p[k]!) > MIN_GRADIENT) active[count++] = k;
      }
      const { indices, values } = vector;
      for (let f = 0; f < indices.length; f++) {
        const v = values[f]!;
        const row = indices[f]! * classes;
        squared[indices[f]!]! += v * v * norm;
        const size = rate / Math.sqrt(squared[indices[f]!]! + 1e-8);
        for (let a = 0; a < count; a++) {
          const at = row + active[a]!;
          const delta = size * (v * p[active[a]!]! + l2 * weights[at]!);
          weights[at]! -= delta;
          weighted[at]! -= before * delta;
        }
      }
    }
  }
  if (step > 0) {
    for (let i = 0; i < weights.length; i++) if (weighted[i] !== 0) weights[i] = weights[i]! - weighted[i]! / step;
    for (let k = 0; k < classes; k++) bias[k] = bias[k]! - biasWeighted[k]! / step;
  }
  return model;
}

/** Fisher–Yates shuffle of `order` in place with `random`. */
function shuffle(order: Int32Array, random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
