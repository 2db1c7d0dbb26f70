import { ConceptTagger } from '../nlu/conceptTagger.js';
import { FeatureHasher, HASH_SIZE } from '../nlu/featureHasher.js';
import { FrozenLinearModel, type FrozenWeights, type TrainingExample } from '../nlu/linearModel.js';
import { SAFETY_CATEGORIES, type SafetyCategory } from './safetySchema.js';
import { MAX_SAFETY_TEXT } from './safetyDetector.js';
import { safetyTokens } from './termPattern.js';
import { trainAveragedModel } from './averagedTraining.js';
import { RunOnSplitter, type WordCounts } from './runOnSplitter.js';

/** What the learned layer is trained on: emergencies by situation, and ordinary messages. */
export interface EmergencyTrainingSet {
  readonly emergency: ReadonlyArray<{ readonly category: SafetyCategory; readonly text: string }>;
  readonly ordinary: readonly string[];
}

/** The learned layer's reading of one message. */
export interface EmergencyEstimate {
  /** P(emergency) of the most alarming sentence (or window of a long sentence), 0 to 1. */
  readonly probability: number;
  /** The most likely situation of that sentence. */
  readonly category: SafetyCategory;
}

/** A classifier of emergencies trained on examples, independent of the rule lists. */
export interface EmergencyClassifier {
  /** Examples it was trained on. */
  readonly examples: number;
  /** Time training took, in ms (wall clock). */
  readonly trainingMs: number;
  /** The estimate for `text`: every sentence is read on its own, the highest P(emergency) counts. */
  estimate(text: string): EmergencyEstimate;
  /** What it is made of, to rebuild it with {@link emergencyClassifierFromWeights} (`shared`: in SharedArrayBuffers). */
  weights(shared?: boolean): EmergencyClassifierWeights;
}

/** A trained {@link EmergencyClassifier} as data: what an instance sends its turn worker threads (sharedSafetyModel.ts). */
export interface EmergencyClassifierWeights {
  readonly examples: number;
  readonly trainingMs: number;
  readonly frozen: FrozenWeights;
  /** Words of the training examples and their counts, to split words typed without spaces ({@link RunOnSplitter}). */
  readonly words: WordCounts;
}

/**
 * AdaGrad learning rate (the topic model's) and passes. Tried on 2 December with the threshold on the development
 * sets: a rate of 0.5, 20 passes, a 10× stronger L2, windows of 24 words or none, other feature weights; each moved
 * recall and false alarms by a line or two, none did better on both.
 */
const LEARNING_RATE = 1;
const EPOCHS = 10;
/** L2 penalty per update (the topic model's default). */
const L2 = 1e-5;
/**
 * Passes before the weights start being averaged, and AdaGrad's starting sum of squared gradients: together they
 * make the layer's decisions independent of the order the examples come in (3 December). With plain AdaGrad from 0,
 * a feature's first update was a full step, so the model depended on which example came first: two seeds of the
 * shuffle gave probabilities 0.76 logit apart on average and moved 4–7 decisions of the development sets; with a
 * starting sum of 1 and the average of the last 5 passes, 0.05 logit apart and 0–1 decision (README, "The learned
 * layer"). Same cost per pass.
 */
const AVERAGE_FROM = 5;
const INITIAL_ACCUMULATOR = 1;
/** Seed of the example order (any seed gives the same decisions but for a line or so, pinned by a test). */
export const DEFAULT_SEED = 42;

/** Options of {@link trainEmergencyClassifier}. */
export interface EmergencyTrainingOptions {
  /** Seed of the example order, default {@link DEFAULT_SEED}. */
  readonly seed?: number;
}

/**
 * Words of a window when a sentence is long: an emergency told inside a long unpunctuated story is read in
 * windows of this many words (half-overlapping), so the story's ordinary words do not drown it. The cost: the words
 * after a window cannot calm it (a threat taken back as a joke twenty words later). Measured on 4 December
 * (safety16l) on the development sets: reading each sentence whole lost 8 of the layer's 139 catches to remove 2 false
 * alarms; keeping a window's alarm only if it held with the next 4 words lost 4 to remove 1. So the windows stay, and
 * the examples teach the hyperbole itself (learnedLayerKinds.test.ts reads long messages).
 */
export const WINDOW_WORDS = 16;
/** Fewest words of a sentence read on its own when the message has longer sentences. */
export const MIN_UNIT_WORDS = 3;
/** Sentences (and windows) read per message at most: bounds the cost of a pasted document. */
const MAX_UNITS = 64;
/** What ends a sentence: full stops, question and exclamation marks (Latin and Arabic), line breaks, semicolons. */
const SENTENCE_END = /[.!?؟;؛\n\r]+/;

/**
 * Trains the learned safety layer: a multinomial logistic regression over the same hashed features as the topic
 * model (word stems, word pairs, concepts, character n-grams of `safetyTokens`), with one class for ordinary
 * messages and one per situation. P(emergency) is 1 − P(ordinary), trained by {@link trainAveragedModel}.
 * Deterministic: the same examples always give the same model, and another `seed` nearly the same decisions. About
 * a second for a few thousand examples, so it is retrained with every content reload.
 */
export function trainEmergencyClassifier(set: EmergencyTrainingSet, options: EmergencyTrainingOptions = {}): EmergencyClassifier {
  const started = performance.now();
  const hasher = new FeatureHasher(new ConceptTagger());
  const classes: readonly SafetyCategory[] = SAFETY_CATEGORIES;
  const classOf = new Map<SafetyCategory, number>(classes.map((c, i) => [c, i + 1]));
  const examples: TrainingExample[] = [];
  const tokenised: string[][] = [];
  const add = (text: string, label: number): void => {
    const tokens = safetyTokens(text);
    tokenised.push(tokens);
    const vector = hasher.vector(tokens);
    if (vector.indices.length > 0) examples.push({ vector, label });
  };
  for (const { category, text } of set.emergency) add(text, classOf.get(category)!);
  for (const text of set.ordinary) add(text, 0);
  const model = trainAveragedModel(examples, classes.length + 1, HASH_SIZE, {
    epochs: EPOCHS,
    averageFrom: AVERAGE_FROM,
    initialAccumulator: INITIAL_ACCUMULATOR,
    learningRate: LEARNING_RATE,
    l2: L2,
    seed: options.seed ?? DEFAULT_SEED,
  }).freeze();
  const words = RunOnSplitter.countWords(tokenised);
  return classifierOf(model, examples.length, performance.now() - started, hasher, words);
}

/** The {@link EmergencyClassifier} whose weights `weights` are (see {@link EmergencyClassifier.weights}); no training. */
export function emergencyClassifierFromWeights(weights: EmergencyClassifierWeights): EmergencyClassifier {
  return classifierOf(FrozenLinearModel.fromWeights(weights.frozen), weights.examples, weights.trainingMs, new FeatureHasher(new ConceptTagger()), weights.words);
}

function classifierOf(model: FrozenLinearModel, examples: number, trainingMs: number, hasher: FeatureHasher, words: WordCounts): EmergencyClassifier {
  const classes: readonly SafetyCategory[] = SAFETY_CATEGORIES;
  const splitter = new RunOnSplitter(words, [SENTENCE_MARK]);
  const p = new Float64Array(classes.length + 1);
  return {
    examples,
    trainingMs,
    weights: (shared = false) => ({ examples, trainingMs, frozen: model.toWeights(shared), words }),
    estimate(text) {
      let best = 0;
      let category: SafetyCategory = 'danger';
      const units = unitsOf(text, splitter);
      // A sentence of one or two words ("SOS !" before an ordinary question) says too little on its own: read only
      // the longer ones when there are any (the rules answer bare cries).
      const long = units.filter((unit) => unit.length >= MIN_UNIT_WORDS);
      for (const unit of long.length > 0 ? long : units) {
        const vector = hasher.vector(unit);
        if (vector.indices.length === 0) continue;
        model.probabilities(vector, p);
        const probability = 1 - p[0]!;
        if (probability <= best) continue;
        best = probability;
        let top = 1;
        for (let k = 2; k < p.length; k++) if (p[k]! > p[top]!) top = k;
        category = classes[top - 1]!;
      }
      return { probability: best, category };
    },
  };
}

/**
 * Marks a sentence end for {@link safetyTokens}: the message is tokenised once, with this word where a sentence
 * ended, instead of once per sentence (a long message costs half as much).
 */
const SENTENCE_MARK = 'qqsentenceendqq';
const SENTENCE_ENDS = new RegExp(SENTENCE_END.source, 'g');

/**
 * The parts of a message read on their own: each sentence, and a long sentence also in half-overlapping windows of
 * {@link WINDOW_WORDS} words. At most {@link MAX_UNITS}, from the first {@link MAX_SAFETY_TEXT} characters (as the rules).
 */
export function unitsOf(text: string, splitter?: RunOnSplitter): string[][] {
  const units: string[][] = [];
  const read = safetyTokens(text.slice(0, MAX_SAFETY_TEXT).replace(SENTENCE_ENDS, ` ${SENTENCE_MARK} `));
  const tokens = splitter ? splitter.splitAll(read) : read;
  let start = 0;
  for (let i = 0; i <= tokens.length && units.length < MAX_UNITS; i++) {
    if (i < tokens.length && tokens[i] !== SENTENCE_MARK) continue;
    const sentence = tokens.slice(start, i);
    start = i + 1;
    if (sentence.length === 0) continue;
    units.push(sentence);
    if (sentence.length > WINDOW_WORDS) {
      const step = WINDOW_WORDS / 2;
      for (let from = 0; from < sentence.length - step; from += step) units.push(sentence.slice(from, from + WINDOW_WORDS));
    }
  }
  return units.slice(0, MAX_UNITS);
}
