import { createHash } from 'node:crypto';
import type { AppLogger } from '../../observability/logger.js';
import { emergencyClassifierFromWeights, trainEmergencyClassifier, type EmergencyClassifier, type EmergencyTrainingSet } from './emergencyClassifier.js';
import { buildSafetyDetector, learnedTrainingSet, type LearnedLayerContent } from './learnedSafetyLayer.js';
import type { SafetyDetector } from './safetyDetector.js';
import type { SafetyModelAnswer, SafetyModelRequest } from './safetyModelRequest.js';

/**
 * The main thread's trainer of the learned safety layer: trains once per training set (hashed) and keeps the last
 * two sets' weights in SharedArrayBuffers, so the turn worker threads read one copy of the layer instead of each
 * training and holding its own (about 7 MB of heap, 6.6 MB of arrays and seconds of CPU per thread; README
 * "Performance", memory). Training is deterministic, so a thread gets exactly the layer it would have trained.
 */
export class SafetyModelTrainer {
  private readonly byVersion = new Map<string, SafetyModelAnswer>();

  /** `onTrained` is told of each training (one per version of the examples). */
  constructor(private readonly onTrained?: (model: { readonly examples: number; readonly trainingMs: number }) => void) {}

  /** Answers a thread's {@link SAFETY_MODEL_REQUEST} (its training set). */
  answer(body: unknown): SafetyModelAnswer {
    const set = body as EmergencyTrainingSet;
    const version = createHash('sha256').update(JSON.stringify(set)).digest('hex');
    let answer = this.byVersion.get(version);
    if (!answer) {
      const classifier = set.emergency.length > 0 && set.ordinary.length > 0 ? trainEmergencyClassifier(set) : undefined;
      if (classifier) this.onTrained?.(classifier);
      answer = { weights: classifier ? classifier.weights(true) : null };
      this.byVersion.set(version, answer);
      // Two versions: the live one, and the one threads may still ask for while a reload reaches them.
      while (this.byVersion.size > 2) this.byVersion.delete(this.byVersion.keys().next().value!);
    }
    return answer;
  }
}

/**
 * In a turn worker thread: the safety detector of `content` with the learned layer its instance trained
 * (`request`); builds and trains its own only when no answer came, so a thread always has the layer. Logs
 * "safety model ready" with whether the layer came from the instance (`reload` on a hot reload).
 */
export async function safetyDetectorFromInstance(request: SafetyModelRequest, content: LearnedLayerContent, logger: AppLogger, reload = false): Promise<SafetyDetector> {
  // Content without a safety corpus of its own gets no learned layer (trainLearnedLayer): nothing to ask for.
  if (content.safetyExamples.length === 0) return buildSafetyDetector(content, undefined);
  const answer = (await request(learnedTrainingSet(content))) as SafetyModelAnswer | undefined;
  if (!answer) {
    logger.warn('the instance sent no safety model in time: this thread trains its own');
    const own = buildSafetyDetector(content);
    logger.info({ fromInstance: false, reload }, 'safety model ready');
    return own;
  }
  const classifier: EmergencyClassifier | undefined = answer.weights ? emergencyClassifierFromWeights(answer.weights) : undefined;
  logger.info({ fromInstance: true, examples: classifier?.examples ?? 0, reload }, 'safety model ready');
  return buildSafetyDetector(content, classifier);
}

/** Dependencies of {@link liveSafetyDetector}. */
export interface LiveSafetyDetectorDeps {
  /** The content now, and a way to hear of each hot reload. */
  readonly content: { current(): LearnedLayerContent; onChange(listener: (content: LearnedLayerContent) => void): unknown };
  readonly logger: AppLogger;
  /** In a worker thread: asks the instance (see {@link safetyDetectorFromInstance}); without it, trains here. */
  readonly request?: SafetyModelRequest;
}

/**
 * The safety detector of the live content: built now, and again after each hot reload (a later reload that
 * finished first wins, so an older detector never replaces a newer one). Resolves with a getter of the current one.
 */
export async function liveSafetyDetector(deps: LiveSafetyDetectorDeps): Promise<() => SafetyDetector> {
  const request = deps.request;
  if (!request) {
    // Trained here, in step with the content: the reload's detector is in place when onChange returns.
    let current = buildSafetyDetector(deps.content.current());
    deps.content.onChange((content) => (current = buildSafetyDetector(content)));
    return () => current;
  }
  let current = await safetyDetectorFromInstance(request, deps.content.current(), deps.logger);
  let changes = 0;
  deps.content.onChange((content) => {
    const change = ++changes;
    void safetyDetectorFromInstance(request, content, deps.logger, true).then((next) => {
      if (change === changes) current = next;
    });
  });
  return () => current;
}
