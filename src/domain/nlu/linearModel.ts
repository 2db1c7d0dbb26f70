import type { HashedVector } from './featureHasher.js';

/** One training example: a hashed vector and the index of its class. */
export interface TrainingExample {
  readonly vector: HashedVector;
  readonly label: number;
  /** Weight of the example in the loss, default 1 (a perturbed copy of an example counts less than the example). */
  readonly weight?: number;
}

/** Options of {@link trainLinearModel}; every field is optional. */
export interface TrainingOptions {
  /** Passes over the examples, default 8. */
  readonly epochs?: number;
  /** AdaGrad base learning rate, default 0.5. */
  readonly learningRate?: number;
  /** L2 penalty per update (weight decay, scaled by the learning rate), default 1e-5. */
  readonly l2?: number;
  /** Seed of the example order (the same seed gives the same model, bit for bit), default 42. */
  readonly seed?: number;
}

/** Gradients smaller than this (per class, per example) are skipped during training. */
const MIN_GRADIENT = 1e-3;

/**
 * Multinomial logistic regression (softmax) over hashed sparse features. Weights are stored feature-major
 * (`weights[feature * classes + class]`), so scoring a message touches one short contiguous row per feature.
 */
export class LinearModel {
  /**
   * @param classes number of classes.
   * @param dimensions size of the hashed feature space.
   * @param weights `dimensions * classes` weights, feature-major.
   * @param bias one bias per class.
   */
  constructor(
    readonly classes: number,
    readonly dimensions: number,
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {}

  /**
   * A read-only copy for scoring: weights stored as 16-bit integers (one global scale), and in each feature's
   * row only the classes whose weight matters (|w| ≥ `pruneShare` × the largest weight). Most hashed features
   * speak for two or three classes and are near zero for the rest, so a long message touches a few times fewer
   * weights and far less memory than with full rows. Scores differ from this model's by less than
   * `pruneShare` × the largest weight per feature (the default 1/256 leaves every decision of the held-out
   * sets unchanged; README, "How messages are understood").
   */
  freeze(pruneShare = FROZEN_PRUNE_SHARE): FrozenLinearModel {
    let max = 0;
    for (let i = 0; i < this.weights.length; i++) max = Math.max(max, Math.abs(this.weights[i]!));
    const scale = max > 0 ? max / 32767 : 1;
    const floor = max * pruneShare;
    const rowStart = new Int32Array(this.dimensions + 1);
    let kept = 0;
    for (let i = 0; i < this.weights.length; i++) if (Math.abs(this.weights[i]!) >= floor && this.weights[i] !== 0) kept++;
    const entries = new Int32Array(kept);
    let at = 0;
    for (let f = 0; f < this.dimensions; f++) {
      rowStart[f] = at;
      const row = f * this.classes;
      for (let k = 0; k < this.classes; k++) {
        const w = this.weights[row + k]!;
        if (w === 0 || Math.abs(w) < floor) continue;
        entries[at++] = packEntry(k, Math.round(w / scale));
      }
    }
    rowStart[this.dimensions] = at;
    return new FrozenLinearModel(this.classes, rowStart, entries, scale, Float64Array.from(this.bias));
  }

  /** Class probabilities of `vector` (softmax), written into `into` when given (length `classes`). */
  probabilities(vector: HashedVector, into = new Float64Array(this.classes)): Float64Array {
    const c = this.classes;
    for (let k = 0; k < c; k++) into[k] = this.bias[k]!;
    const { indices, values } = vector;
    for (let i = 0; i < indices.length; i++) {
      const row = indices[i]! * c;
      const v = values[i]!;
      for (let k = 0; k < c; k++) into[k]! += v * this.weights[row + k]!;
    }
    softmaxInPlace(into);
    return into;
  }
}

/** What a {@link FrozenLinearModel} is made of (see {@link FrozenLinearModel.toWeights}); plain typed arrays, so it crosses `postMessage`. */
export interface FrozenWeights {
  readonly classes: number;
  readonly rowStart: Int32Array;
  /** Each kept weight with its class, `(class << 16) | (16-bit weight & 0xffff)` (see {@link FrozenLinearModel}). */
  readonly weights: Int32Array;
  readonly scale: number;
  readonly bias: Float64Array;
}

/** Default share of the largest weight under which {@link LinearModel.freeze} drops a weight. */
export const FROZEN_PRUNE_SHARE = 1 / 256;

/** Most classes a {@link FrozenLinearModel} holds: its class index takes the high 16 bits of an entry. */
const MAX_FROZEN_CLASSES = 1 << 16;

/** One entry of a frozen row: the class in the high 16 bits, the 16-bit weight in the low ones. */
function packEntry(classIndex: number, weight: number): number {
  return (classIndex << 16) | (weight & 0xffff);
}

/**
 * A trained {@link LinearModel} for scoring only (see {@link LinearModel.freeze}): per feature, a compact row
 * of (class, 16-bit weight) pairs, `rowStart[f]` to `rowStart[f + 1]`, each pair packed in one 32-bit entry.
 * A message's features fall on rows scattered over megabytes: one array read per pair instead of two (a class
 * array and a weight array) saved about a quarter of the scoring time of a long message.
 */
export class FrozenLinearModel {
  constructor(
    readonly classes: number,
    private readonly rowStart: Int32Array,
    private readonly weights: Int32Array,
    private readonly scale: number,
    private readonly bias: Float64Array,
  ) {
    if (classes > MAX_FROZEN_CLASSES) throw new RangeError(`FrozenLinearModel: ${classes} classes do not fit its 16-bit class index`);
  }

  /** Weights kept after pruning (for the bench and the tests). */
  get storedWeights(): number {
    return this.weights.length;
  }

  /**
   * The arrays that make this model, to rebuild it elsewhere with {@link FrozenLinearModel.fromWeights} (a turn
   * worker thread gets its instance's trained model instead of training its own). With `shared`, they are copied
   * into SharedArrayBuffers, so posting them to threads shares one copy instead of cloning it per thread.
   */
  toWeights(shared = false): FrozenWeights {
    const copy = <T extends Int32Array | Float64Array>(array: T, make: (buffer: SharedArrayBuffer) => T): T => {
      if (!shared) return array;
      const target = make(new SharedArrayBuffer(array.byteLength));
      target.set(array as never);
      return target;
    };
    return {
      classes: this.classes,
      rowStart: copy(this.rowStart, (b) => new Int32Array(b)),
      weights: copy(this.weights, (b) => new Int32Array(b)),
      scale: this.scale,
      bias: copy(this.bias, (b) => new Float64Array(b)),
    };
  }

  /** The model {@link FrozenLinearModel.toWeights} gave (the arrays are used as they are, not copied). */
  static fromWeights(w: FrozenWeights): FrozenLinearModel {
    return new FrozenLinearModel(w.classes, w.rowStart, w.weights, w.scale, w.bias);
  }

  /** Class probabilities of `vector` (softmax), written into `into` when given (length `classes`). */
  probabilities(vector: HashedVector, into = new Float64Array(this.classes)): Float64Array {
    const c = this.classes;
    into.fill(0);
    const { indices, values } = vector;
    const { rowStart, weights } = this;
    for (let i = 0; i < indices.length; i++) {
      const f = indices[i]!;
      const v = values[i]!;
      const end = rowStart[f + 1]!;
      for (let j = rowStart[f]!; j < end; j++) {
        const entry = weights[j]!;
        into[entry >>> 16]! += v * ((entry << 16) >> 16);
      }
    }
    for (let k = 0; k < c; k++) into[k] = into[k]! * this.scale + this.bias[k]!;
    softmaxInPlace(into);
    return into;
  }
}

/**
 * Trains a {@link LinearModel} by stochastic gradient descent with per-feature AdaGrad steps on the
 * cross-entropy loss. Deterministic: the example order comes from a seeded generator, and arithmetic is
 * the same on every run, so the same content always gives the same model.
 */
export function trainLinearModel(examples: readonly TrainingExample[], classes: number, dimensions: number, options: TrainingOptions = {}): LinearModel {
  const epochs = options.epochs ?? 8;
  const rate = options.learningRate ?? 0.5;
  const l2 = options.l2 ?? 1e-5;
  const random = mulberry32(options.seed ?? 42);
  const weights = new Float32Array(dimensions * classes);
  const bias = new Float32Array(classes);
  // One AdaGrad accumulator per feature row (not per weight): 1/classes of the memory, nearly the same steps.
  const squared = new Float32Array(dimensions);
  const biasSquared = new Float64Array(classes);
  const p = new Float64Array(classes);
  const activeClasses = new Int32Array(classes);
  const order = Int32Array.from(examples.keys());
  const model = new LinearModel(classes, dimensions, weights, bias);

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const index of order) {
      const { vector, label, weight = 1 } = examples[index]!;
      model.probabilities(vector, p);
      // Gradient of the (weighted) loss w.r.t. the scores: weight × (p - onehot(label)).
      p[label]! -= 1;
      if (weight !== 1) for (let k = 0; k < classes; k++) p[k]! *= weight;
      let gradNorm = 0;
      for (let k = 0; k < classes; k++) gradNorm += p[k]! * p[k]!;
      for (let k = 0; k < classes; k++) {
        biasSquared[k]! += p[k]! * p[k]!;
        bias[k]! -= (rate * p[k]!) / Math.sqrt(biasSquared[k]! + 1e-8);
      }
      // Once the model is fair, most classes' gradients are tiny: updating only the others is several times faster.
      let active = 0;
      for (let k = 0; k < classes; k++) if (Math.abs(p[k]!) > MIN_GRADIENT) activeClasses[active++] = k;
      const { indices, values } = vector;
      for (let f = 0; f < indices.length; f++) {
        const feature = indices[f]!;
        const v = values[f]!;
        squared[feature]! += v * v * gradNorm;
        const step = rate / Math.sqrt(squared[feature]! + 1e-8);
        const row = feature * classes;
        for (let a = 0; a < active; a++) {
          const k = activeClasses[a]!;
          const w = weights[row + k]!;
          weights[row + k] = w - step * (v * p[k]! + l2 * w);
        }
      }
    }
  }
  return model;
}

/** Softmax of `scores`, in place (shifted by the maximum, so large scores do not overflow). */
export function softmaxInPlace(scores: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k]! > max) max = scores[k]!;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(scores[k]! - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
}

/** Small seeded pseudo-random generator (mulberry32), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
