// What a turn worker thread asks its instance for the safety detector's learned layer, and what it gets back: on
// their own, so the instance's main thread knows the request without loading the detector (it loads
// sharedSafetyModel.ts on the first request only).
import type { EmergencyClassifierWeights, EmergencyTrainingSet } from './emergencyClassifier.js';

/** The request kind a turn worker thread sends its instance for the learned layer of its training set. */
export const SAFETY_MODEL_REQUEST = 'safety-model';

/**
 * Asks whoever trains (the instance's main thread) for the learned layer of a training set; resolves undefined when
 * no answer came in time. The transport (a worker thread's port) is the caller's, as for the language model.
 */
export type SafetyModelRequest = (set: EmergencyTrainingSet) => Promise<unknown>;

/** What the instance answers: the layer's weights, or null when the set holds no emergency or no ordinary line. */
export interface SafetyModelAnswer {
  readonly weights: EmergencyClassifierWeights | null;
}
