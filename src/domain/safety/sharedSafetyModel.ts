import type { AppLogger } from '../../observability/logger.js';
import { emergencyClassifierFromWeights, trainEmergencyClassifier, type EmergencyClassifier, type EmergencyTrainingSet } from './emergencyClassifier.js';
import { buildSafetyDetector, learnedTrainingSet, type LearnedLayerContent } from './learnedSafetyLayer.js';
import type { SafetyDetector } from './safetyDetector.js';
import type { SafetyModelAnswer, SafetyModelRequest } from './safetyModelRequest.js';

/**
 * Trains the learned layer of `set` here (none when it holds no emergency or no ordinary line), its weights in
 * SharedArrayBuffers: what the training thread runs (app/trainingThread.ts), and the instance's fallback.
 */
export function trainSafetyAnswer(set: EmergencyTrainingSet): SafetyModelAnswer {
  const classifier = set.emergency.length > 0 && set.ordinary.length > 0 ? trainEmergencyClassifier(set) : undefined;
  return { weights: classifier ? classifier.weights(true) : null };
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
