// The body of a training thread (trainingThread.ts): trains its job, posts the weights and ends, its heap with it.
// Only the code of the job's kind is loaded.
import { parentPort, workerData } from 'node:worker_threads';
import type { TrainingJob } from './trainingThread.js';

const job = workerData as TrainingJob;
// A throw here ends the thread with an 'error' event: the instance falls back to training itself.
const weights =
  job.kind === 'language'
    ? (await import('../domain/nlu/sharedModel.js')).trainWeights(job.content, job.options)
    : (await import('../domain/safety/sharedSafetyModel.js')).trainSafetyAnswer(job.set);
parentPort!.postMessage(weights);
