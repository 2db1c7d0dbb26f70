// The instance's models trained in a short-lived thread (issue 13, memory): one thread per training, which posts the
// weights (in SharedArrayBuffers, so nothing is copied) and exits, so the training's garbage (examples, features,
// the unfrozen model: about 60 MB of heap) dies with that thread's heap instead of staying in the main thread's,
// which V8 never gives back to the system. The main thread loads neither the model's nor the detector's code.
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { HybridOptions } from '../domain/nlu/hybridUnderstander.js';
import type { MatcherContent } from '../domain/nlu/matcher.js';
import type { TopicModelWeights } from '../domain/nlu/topicModel.js';
import type { ContentSnapshot } from '../domain/content/contentSnapshot.js';
import type { LanguageTraining, ModelTrainer } from '../domain/nlu/modelTrainer.js';
import type { EmergencyTrainingSet } from '../domain/safety/emergencyClassifier.js';
import type { LearnedLayerContent } from '../domain/safety/learnedSafetyLayer.js';
import type { SafetyModelAnswer } from '../domain/safety/safetyModelRequest.js';
import type { SafetyModelTrainer, SafetyTraining } from '../domain/safety/safetyModelTrainer.js';
import type { AppLogger } from '../observability/logger.js';
import { startScriptThread } from '../pipeline/scriptThread.js';
import { trainingContent } from '../domain/nlu/modelTrainer.js';

/** What a training thread trains (its `workerData`). */
export type TrainingJob =
  | { readonly kind: 'language'; readonly content: MatcherContent; readonly options: HybridOptions }
  | { readonly kind: 'safety'; readonly set: EmergencyTrainingSet }
  /** Both models of a content at once, the trainers told of each (see {@link trainBeforeTurnThreads}). */
  | { readonly kind: 'content'; readonly content: MatcherContent; readonly options: HybridOptions; readonly safety: LearnedLayerContent };

/** What each kind of job posts back. */
export interface TrainingResults {
  readonly language: TopicModelWeights;
  readonly safety: SafetyModelAnswer;
  /** The safety answer comes with its training set's version (safetyModelTrainer.ts `trainingSetVersion`). */
  readonly content: { readonly language: TopicModelWeights; readonly safety: { readonly version: string; readonly answer: SafetyModelAnswer } };
}

/** Options of {@link trainInThread}. */
export interface TrainingThreadOptions {
  /** The thread is ended and the training failed after this long, in ms, default 300 000 (training takes seconds). */
  readonly timeoutMs?: number;
  /** Tests: told of the thread once started. */
  readonly onThread?: (thread: Worker) => void;
}

const THREAD_FILE = fileURLToPath(new URL(`./trainingThreadRun${extname(fileURLToPath(import.meta.url))}`, import.meta.url));

/**
 * Runs `job` in a new thread and resolves with its weights once the thread has exited; rejects when the training
 * threw, the thread exited without weights, or it took longer than the timeout (the thread is then ended).
 */
export function trainInThread<J extends TrainingJob>(job: J, options: TrainingThreadOptions = {}): Promise<TrainingResults[J['kind']]> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  return new Promise((resolve, reject) => {
    const thread = startScriptThread(`import(${JSON.stringify(pathToFileURL(THREAD_FILE).href)})`, [THREAD_FILE], { workerData: job });
    options.onThread?.(thread);
    let result: { readonly weights: TrainingResults[J['kind']] } | undefined;
    let failure: Error | undefined;
    const timer = setTimeout(() => {
      failure = new Error(`the training thread did not finish within ${timeoutMs} ms`);
      void thread.terminate();
    }, timeoutMs);
    thread.once('message', (weights: TrainingResults[J['kind']]) => (result = { weights }));
    thread.once('error', (err) => (failure ??= err));
    thread.once('exit', (code) => {
      clearTimeout(timer);
      if (result && code === 0 && !failure) resolve(result.weights);
      else reject(failure ?? new Error(`the training thread exited (code ${code}) without weights`));
    });
  });
}

/**
 * Training in a thread, falling back to training in the main thread (logged as an error) when the thread fails:
 * the instance still gets its models (and its turn threads, their answer) rather than waiting or failing readiness.
 */
function withFallback<J extends TrainingJob>(job: J, logger: AppLogger, here: () => Promise<TrainingResults[J['kind']]>, options?: TrainingThreadOptions): Promise<TrainingResults[J['kind']]> {
  return trainInThread(job, options).catch((err: Error) => {
    logger.error({ kind: job.kind, err: { name: err.name, message: err.message } }, 'the training thread failed: training in the main thread instead');
    return here();
  });
}

/** The language model trained in a thread (see {@link trainInThread}), for the instance's ModelTrainer. */
export function threadLanguageTraining(logger: AppLogger, options?: TrainingThreadOptions): LanguageTraining {
  return (content, hybrid) => withFallback({ kind: 'language', content, options: hybrid }, logger, async () => (await import('../domain/nlu/sharedModel.js')).trainWeights(content, hybrid), options);
}

/** The safety detector's learned layer trained in a thread (see {@link trainInThread}), for the instance's SafetyModelTrainer. */
export function threadSafetyTraining(logger: AppLogger, options?: TrainingThreadOptions): SafetyTraining {
  return (set) => withFallback({ kind: 'safety', set }, logger, async () => (await import('../domain/safety/sharedSafetyModel.js')).trainSafetyAnswer(set), options);
}

/**
 * Trains both models of `snapshot` in one thread and keeps them in the trainers, so that the turn threads, started
 * once this resolves, find them trained: a training's heap (its peak) is never alive beside the turn threads' own
 * start-up. A failure is logged and leaves the trainers to train when the threads ask (in threads, as always).
 */
export async function trainBeforeTurnThreads(snapshot: ContentSnapshot, trainers: { readonly language: ModelTrainer; readonly safety: SafetyModelTrainer }, options: HybridOptions, logger: AppLogger, threadOptions?: TrainingThreadOptions): Promise<void> {
  try {
    const content = trainingContent(snapshot);
    const trained = await trainInThread({ kind: 'content', content, options, safety: { safety: snapshot.safety, safetyExamples: snapshot.safetyExamples } }, threadOptions);
    trainers.language.seed(content, trained.language);
    trainers.safety.seed(trained.safety.version, trained.safety.answer);
  } catch (err) {
    logger.error({ err: { name: (err as Error).name, message: (err as Error).message } }, 'the training thread failed: the models will be trained when the turn threads ask');
  }
}
