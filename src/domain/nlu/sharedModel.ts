import { createHash } from 'node:crypto';
import type { AppLogger } from '../../observability/logger.js';
import { createUnderstander, type HybridOptions, type HybridUnderstander } from './hybridUnderstander.js';
import type { MatcherContent } from './matcher.js';
import type { TopicModelWeights } from './topicModel.js';

/** The request kind a turn worker thread sends its instance for the trained model of its content. */
export const MODEL_REQUEST = 'model';

/**
 * Asks whoever trains (the instance's main thread) for the weights of `content`; resolves undefined when no answer
 * came in time. The transport (a worker thread's port, pipeline/turnThreadPort.ts) is the caller's.
 */
export type ModelRequest = (content: MatcherContent) => Promise<unknown>;

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
 * In a turn worker thread: the understander of `content` with the model its instance trained (`request`, see
 * {@link ModelRequest}); trains its own only when no answer came, so a thread always gets a model.
 */
export async function understanderFromInstance(request: ModelRequest, content: MatcherContent, options: HybridOptions, logger: AppLogger): Promise<HybridUnderstander> {
  const weights = (await request(trainingContent(content))) as TopicModelWeights | undefined;
  if (weights) return createUnderstander(content, { ...options, trained: weights });
  logger.warn('the instance sent no trained model in time: this thread trains its own');
  return createUnderstander(content, options);
}

/** Dependencies of {@link liveUnderstander}. */
export interface LiveUnderstanderDeps {
  /** The content now, and a way to hear of each hot reload. */
  readonly content: { current(): MatcherContent; onChange(listener: (content: MatcherContent) => void): unknown };
  readonly options: HybridOptions;
  readonly logger: AppLogger;
  /** In the main thread (or with WORKERS=1): trains. */
  readonly trainer?: ModelTrainer;
  /** In a worker thread: asks the instance instead (see {@link understanderFromInstance}). */
  readonly request?: ModelRequest;
}

/**
 * The understander of the live content: built now, and again after each hot reload, from the trainer's weights or
 * the instance's (a later reload that finished first wins, so an older model never replaces a newer one).
 * Resolves, once the first model is ready, with a getter of the current one.
 */
export async function liveUnderstander(deps: LiveUnderstanderDeps): Promise<() => HybridUnderstander> {
  const fromInstance = deps.request !== undefined;
  const build = (content: MatcherContent) =>
    deps.request ? understanderFromInstance(deps.request, content, deps.options, deps.logger) : Promise.resolve((deps.trainer ?? new ModelTrainer(deps.options)).understander(content));
  let current = await build(deps.content.current());
  deps.logger.info({ examples: current.model.examples, fromInstance }, 'language model ready');
  let changes = 0;
  deps.content.onChange((content) => {
    const change = ++changes;
    void build(content).then((next) => {
      if (change !== changes) return;
      current = next;
      deps.logger.info({ examples: next.model.examples, fromInstance, reload: true }, 'language model ready');
    });
  });
  return () => current;
}
