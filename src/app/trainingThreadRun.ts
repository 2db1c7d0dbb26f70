// The body of a training thread (trainingThread.ts): trains its job, posts the weights and ends, its heap with it.
// Only the code of the job's kind is loaded.
import { parentPort, workerData } from 'node:worker_threads';
import type { HybridOptions } from '../domain/nlu/hybridUnderstander.js';
import type { MatcherContent } from '../domain/nlu/matcher.js';
import type { EmergencyTrainingSet } from '../domain/safety/emergencyClassifier.js';
import { trainingSetVersion } from '../domain/safety/safetyModelTrainer.js';
import type { TrainingJob } from './trainingThread.js';

const job = workerData as TrainingJob;
// A throw here ends the thread with an 'error' event: the instance falls back to training itself.
const language = async (content: MatcherContent, options: HybridOptions) => (await import('../domain/nlu/sharedModel.js')).trainWeights(content, options);
const safety = async (set: EmergencyTrainingSet) => (await import('../domain/safety/sharedSafetyModel.js')).trainSafetyAnswer(set);

/** What `job` posts back (trainingThread.ts `TrainingResults`). */
async function train(): Promise<unknown> {
  if (job.kind === 'language') return language(job.content, job.options);
  if (job.kind === 'safety') return safety(job.set);
  const weights = await language(job.content, job.options);
  // Content without a safety corpus of its own gets no learned layer, and its threads ask for none (sharedSafetyModel.ts).
  if (job.safety.safetyExamples.length === 0) return { language: weights, safety: { version: '', answer: { weights: null } } };
  const set = (await import('../domain/safety/learnedSafetyLayer.js')).learnedTrainingSet(job.safety);
  return { language: weights, safety: { version: trainingSetVersion(set), answer: await safety(set) } };
}

parentPort!.postMessage(await train());
