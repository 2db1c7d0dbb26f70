import { CONCEPT_FRAMES } from './conceptLexicon.js';
import { ConceptTagger } from './conceptTagger.js';
import { TOPIC_LEXICON } from './topicLexicon.js';
import { FeatureHasher, HASH_SIZE, type FeatureWeights } from './featureHasher.js';
import { FrozenLinearModel, trainLinearModel, type FrozenWeights, type TrainingExample, type TrainingOptions } from './linearModel.js';
import type { MatcherContent } from './matcher.js';
import { tokenise } from './normalise.js';

/**
 * AdaGrad learning rate of the topic model (the generic trainer's default is 0.5): with 8 epochs the model was
 * still under-fitted at 0.5; 1 did better on the content split and field set 1 + dev set, 3-fold (README).
 */
export const TOPIC_LEARNING_RATE = 1;

/** Options of {@link trainTopicModel}. */
export interface TopicModelOptions extends TrainingOptions {
  /** Weights of the feature kinds, default the hasher's. */
  readonly featureWeights?: FeatureWeights;
  /** Weights under this share of the largest are dropped once trained (see `LinearModel.freeze`), default 1/256. */
  readonly pruneShare?: number;
  /** Longest character n-gram, default the hasher's. */
  readonly maxCharGram?: number;
}

/** A supervised classifier over every id of the content (FAQ ids, intents and `out_of_scope`). */
export interface TopicModel {
  /** Ids in class order; `probabilities()[i]` is the probability of `ids[i]`. */
  readonly ids: readonly string[];
  /** Examples it was trained on. */
  readonly examples: number;
  /** Time training took, in ms (wall clock). */
  readonly trainingMs: number;
  /** Weights kept for scoring, after pruning. */
  readonly storedWeights: number;
  /** Probability of each id for `text` (already-read text: pass the part of the message to classify). */
  probabilities(text: string): Float64Array;
  /** What the trained model is made of, to rebuild it with {@link topicModelFromWeights} (`shared`: in SharedArrayBuffers). */
  weights(shared?: boolean): TopicModelWeights;
}

/**
 * A trained {@link TopicModel} as data (ids, counts, frozen weights): what an instance's main thread sends its turn
 * worker threads so that the model is trained once per content version (sharedModel.ts). Rebuilding needs
 * the same feature options (`featureWeights`, `maxCharGram`) as the training.
 */
export interface TopicModelWeights {
  readonly ids: readonly string[];
  readonly examples: number;
  readonly trainingMs: number;
  readonly frozen: FrozenWeights;
}

/** The feature hasher of a topic model (the same for training and for a model rebuilt from its weights). */
function topicHasher(options: TopicModelOptions): FeatureHasher {
  return new FeatureHasher(new ConceptTagger(TOPIC_LEXICON, CONCEPT_FRAMES, true), options.featureWeights, undefined, options.maxCharGram);
}

/** The {@link TopicModel} whose weights `weights` are (see {@link TopicModel.weights}); no training. */
export function topicModelFromWeights(weights: TopicModelWeights, options: TopicModelOptions = {}): TopicModel {
  const hasher = topicHasher(options);
  const model = FrozenLinearModel.fromWeights(weights.frozen);
  return {
    ids: weights.ids,
    examples: weights.examples,
    trainingMs: weights.trainingMs,
    storedWeights: model.storedWeights,
    probabilities: (text) => model.probabilities(hasher.vector(tokenise(text))),
    weights: (shared = false) => ({ ...weights, frozen: model.toWeights(shared) }),
  };
}

/**
 * Trains a multinomial logistic regression on every example (and title) of the content, in every language
 * at once: a French question can lean on an English example through shared concepts and character
 * n-grams. Takes well under a second for ~3 000 examples, so it is retrained whenever the content changes.
 */
export function trainTopicModel(content: MatcherContent, options: TopicModelOptions = {}): TopicModel {
  const started = performance.now();
  const hasher = topicHasher(options);
  const ids: string[] = [];
  const classOf = new Map<string, number>();
  const examples: TrainingExample[] = [];
  const add = (id: string, text: string) => {
    const vector = hasher.vector(tokenise(text));
    if (vector.indices.length === 0) return;
    let label = classOf.get(id);
    if (label === undefined) {
      label = ids.length;
      ids.push(id);
      classOf.set(id, label);
    }
    examples.push({ vector, label });
  };
  for (const entry of content.faq) {
    for (const text of entry.examples) add(entry.id, text);
    if (entry.title) add(entry.id, entry.title);
  }
  for (const intent of content.intents) for (const text of intent.examples) add(intent.id, text);

  const model = trainLinearModel(examples, Math.max(1, ids.length), HASH_SIZE, { learningRate: TOPIC_LEARNING_RATE, ...options }).freeze(options.pruneShare);
  const trainingMs = performance.now() - started;
  return {
    ids,
    examples: examples.length,
    trainingMs,
    storedWeights: model.storedWeights,
    probabilities: (text) => model.probabilities(hasher.vector(tokenise(text))),
    weights: (shared = false) => ({ ids, examples: examples.length, trainingMs, frozen: model.toWeights(shared) }),
  };
}
