import { createHash } from 'node:crypto';
import { createUnderstander, type HybridOptions, type HybridUnderstander } from '../domain/nlu/hybridUnderstander.js';
import type { MatcherContent } from '../domain/nlu/matcher.js';
import type { TopicModelWeights } from '../domain/nlu/topicModel.js';
import type { AppLogger } from '../observability/logger.js';
import type { TurnThreadPort } from './turnThreadPort.js';

/** The request kind a turn worker thread sends for the trained model of its content. */
export const MODEL_REQUEST = 'model';

/** How long a thread waits for its instance's model before training its own, in ms (training takes seconds under load). */
const MODEL_WAIT_MS = 120_000;

/** The part of the content the topic model is trained on (what crosses to the main thread, and what its version hashes). */
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
 * The main thread's model trainer: trains once per content version and keeps the last two versions' weights (in
 * SharedArrayBuffers, so every thread reads one copy), so an instance with N worker threads trains once at
 * start-up and once per hot reload instead of N + 1 times. Training is deterministic (seeded), so a thread gets
 * exactly the model it would have trained itself.
 */
export class ModelTrainer {
  private readonly byVersion = new Map<string, TopicModelWeights>();

  /** `onTrained` is told of each training (the instance logs it: one per content version). */
  constructor(
    private readonly options: HybridOptions,
    private readonly onTrained?: (model: { readonly examples: number; readonly trainingMs: number }) => void,
  ) {}

  /** An understander of `content`, from the weights of its version (trained now if this version is new). */
  understander(content: MatcherContent): HybridUnderstander {
    return createUnderstander(content, { ...this.options, trained: this.weights(content) });
  }

  /** The trained weights of `content`'s version (see {@link ModelTrainer}). */
  weights(content: MatcherContent): TopicModelWeights {
    const version = contentVersion(content);
    let weights = this.byVersion.get(version);
    if (!weights) {
      const { model } = createUnderstander(content, this.options);
      this.onTrained?.(model);
      weights = model.weights(true);
      this.byVersion.set(version, weights);
      // Two versions: the live one, and the one threads may still ask for while a reload reaches them.
      while (this.byVersion.size > 2) this.byVersion.delete(this.byVersion.keys().next().value!);
    }
    return weights;
  }

  /** Answers a thread's {@link MODEL_REQUEST} (its training content) with the weights. */
  answer(body: unknown): TopicModelWeights {
    return this.weights(body as MatcherContent);
  }
}

/**
 * In a turn worker thread: the understander of `content` with the model its instance trained (asked over the
 * thread's port); trains its own only when the instance does not answer in time, so a thread always gets a model.
 */
export async function understanderFromInstance(port: TurnThreadPort, content: MatcherContent, options: HybridOptions, logger: AppLogger): Promise<HybridUnderstander> {
  const weights = (await port.request(MODEL_REQUEST, trainingContent(content), MODEL_WAIT_MS)) as TopicModelWeights | undefined;
  if (weights) return createUnderstander(content, { ...options, trained: weights });
  logger.warn({ waitedMs: MODEL_WAIT_MS }, 'the instance sent no trained model in time: this thread trains its own');
  return createUnderstander(content, options);
}
