import type { AppLogger } from '../../observability/logger.js';
import { createUnderstander, type HybridOptions, type HybridUnderstander } from './hybridUnderstander.js';
import type { MatcherContent } from './matcher.js';
import { ModelTrainer, trainingContent } from './modelTrainer.js';
import type { TopicModelWeights } from './topicModel.js';

/**
 * Asks whoever trains (the instance's main thread) for the weights of `content`; resolves undefined when no answer
 * came in time. The transport (a worker thread's port, pipeline/turnThreadPort.ts) is the caller's.
 */
export type ModelRequest = (content: MatcherContent) => Promise<unknown>;

/**
 * Trains the model of `content` here and returns its weights in SharedArrayBuffers: what the training thread runs
 * (app/trainingThread.ts), and the instance's fallback when that thread fails.
 */
export function trainWeights(content: MatcherContent, options: HybridOptions): TopicModelWeights {
  return createUnderstander(content, options).model.weights(true);
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
  /** With WORKERS=1: the instance's trainer (without it, trains here). */
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
  const trainer = deps.trainer ?? new ModelTrainer(deps.options, async (c, o) => trainWeights(c, o));
  const build = async (content: MatcherContent) =>
    deps.request ? understanderFromInstance(deps.request, content, deps.options, deps.logger) : createUnderstander(content, { ...deps.options, trained: await trainer.weights(content) });
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
