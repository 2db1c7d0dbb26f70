// The instance's trainer of the safety detector's learned layer, without the detector's code: the training itself
// is passed in (a short-lived training thread, app/trainingThread.ts; or in-process, sharedSafetyModel.ts).
import { createHash } from 'node:crypto';
import { TrainedVersions } from '../nlu/trainedVersions.js';
import type { EmergencyTrainingSet } from './emergencyClassifier.js';
import type { SafetyModelAnswer } from './safetyModelRequest.js';

/** Trains the learned layer of `set` and resolves with its weights in SharedArrayBuffers (or null: nothing to learn). */
export type SafetyTraining = (set: EmergencyTrainingSet) => Promise<SafetyModelAnswer>;

/** Version of a training set: the same examples give the same hash, hence the same (deterministic) layer. */
export function trainingSetVersion(set: EmergencyTrainingSet): string {
  return createHash('sha256').update(JSON.stringify(set)).digest('hex');
}

/**
 * Trains the learned layer once per training set (hashed) and keeps the last two sets' weights in
 * SharedArrayBuffers, so the turn worker threads read one copy of the layer instead of each training and holding
 * its own (about 7 MB of heap, 6.6 MB of arrays and seconds of CPU per thread; README "Performance", memory).
 * Training is deterministic, so a thread gets exactly the layer it would have trained (see {@link TrainedVersions}).
 */
export class SafetyModelTrainer {
  private readonly versions = new TrainedVersions<SafetyModelAnswer>();

  /** `onTrained` is told of each training (one per version of the examples). */
  constructor(
    private readonly train: SafetyTraining,
    private readonly onTrained?: (model: { readonly examples: number; readonly trainingMs: number }) => void,
  ) {}

  private readonly told = (trained: SafetyModelAnswer) => {
    if (trained.weights) this.onTrained?.(trained.weights);
  };

  /** Keeps `answer`, trained elsewhere from the set of `version` ({@link trainingSetVersion}), as that set's. */
  seed(version: string, answer: SafetyModelAnswer): void {
    this.versions.put(version, answer, this.told);
  }

  /** Answers a thread's {@link SAFETY_MODEL_REQUEST} (its training set). */
  answer(body: unknown): Promise<SafetyModelAnswer> {
    const set = body as EmergencyTrainingSet;
    return this.versions.get(trainingSetVersion(set), () => this.train(set), this.told);
  }
}
