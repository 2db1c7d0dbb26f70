// What the instance's main thread needs to share the language model with its turn threads, without loading the
// model's code: the request kind, the content's version and the trainer's cache. The training itself is passed in
// (a short-lived training thread, app/trainingThread.ts; or in-process, sharedModel.ts `trainWeights`).
import { createHash } from 'node:crypto';
import type { HybridOptions } from './hybridUnderstander.js';
import type { MatcherContent } from './matcher.js';
import type { TopicModelWeights } from './topicModel.js';
import { TrainedVersions } from './trainedVersions.js';

/** The request kind a turn worker thread sends its instance for the trained model of its content. */
export const MODEL_REQUEST = 'model';

/** Trains the model of `content` and resolves with its weights in SharedArrayBuffers (deterministic: seeded). */
export type LanguageTraining = (content: MatcherContent, options: HybridOptions) => Promise<TopicModelWeights>;

/** The part of the content the topic model is trained on (what a thread sends its instance, and what the version hashes). */
export function trainingContent(content: MatcherContent): MatcherContent {
  return {
    faq: content.faq.map((e) => ({ id: e.id, lang: e.lang, examples: [...e.examples], ...(e.title !== undefined ? { title: e.title } : {}) })),
    intents: content.intents.map((i) => ({ id: i.id, lang: i.lang, examples: [...i.examples] })),
  };
}

/** Version of the training content: the same examples give the same hash, hence the same (deterministic) model. */
export function contentVersion(content: MatcherContent): string {
  return createHash('sha256').update(JSON.stringify(trainingContent(content))).digest('hex');
}

/**
 * The instance's model trainer: trains once per content version (`train`) and keeps the last two versions' weights
 * (in SharedArrayBuffers, so every thread reads one copy), so an instance with N worker threads trains once at
 * start-up and once per hot reload instead of N + 1 times (see {@link TrainedVersions}).
 */
export class ModelTrainer {
  private readonly versions = new TrainedVersions<TopicModelWeights>();

  /** `onTrained` is told of each training (the instance logs it: one per content version). */
  constructor(
    private readonly options: HybridOptions,
    private readonly train: LanguageTraining,
    private readonly onTrained?: (model: { readonly examples: number; readonly trainingMs: number }) => void,
  ) {}

  /** The trained weights of `content`'s version (trained now if this version is new). */
  weights(content: MatcherContent): Promise<TopicModelWeights> {
    return this.versions.get(contentVersion(content), () => this.train(trainingContent(content), this.options), this.onTrained);
  }

  /** Keeps `weights`, trained elsewhere from `content`, as its version's (no training when a thread asks for it). */
  seed(content: MatcherContent, weights: TopicModelWeights): void {
    this.versions.put(contentVersion(content), weights, this.onTrained);
  }

  /** Answers a thread's {@link MODEL_REQUEST} (its training content) with the weights. */
  answer(body: unknown): Promise<TopicModelWeights> {
    return this.weights(body as MatcherContent);
  }
}
