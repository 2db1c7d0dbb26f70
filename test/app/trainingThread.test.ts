import type { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { threadLanguageTraining, threadSafetyTraining, trainBeforeTurnThreads, trainInThread } from '../../src/app/trainingThread.js';
import { loadContent } from '../../src/domain/content/contentLoader.js';
import type { MatcherContent } from '../../src/domain/nlu/matcher.js';
import { ModelTrainer, trainingContent } from '../../src/domain/nlu/modelTrainer.js';
import { liveUnderstander, trainWeights } from '../../src/domain/nlu/sharedModel.js';
import type { FrozenWeights } from '../../src/domain/nlu/linearModel.js';
import type { EmergencyTrainingSet } from '../../src/domain/safety/emergencyClassifier.js';
import { learnedTrainingSet } from '../../src/domain/safety/learnedSafetyLayer.js';
import { SafetyModelTrainer } from '../../src/domain/safety/safetyModelTrainer.js';
import { trainSafetyAnswer } from '../../src/domain/safety/sharedSafetyModel.js';
import { createLogger } from '../../src/observability/logger.js';
import { loadTestContent } from '../domain/nlu/loadTestContent.js';
import { waitFor } from '../helpers/appProcess.js';

const OPTIONS = { matcher: { defaultLanguage: 'fr' as const } };
/** A thread loads the model's code through tsx, then trains the shipped content (seconds; much more under load). */
const THREAD_MS = 120_000;

// Written for this test: a small safety set and a small content, so that their trainings take milliseconds.
const SMALL: EmergencyTrainingSet = {
  emergency: [
    { category: 'violence', text: 'two men are beating my cousin behind the station now' },
    { category: 'medical', text: 'my father fell down and does not wake up' },
  ],
  ordinary: ['what papers do I need for the return', 'is the office open on saturday', 'how much is the help for the rent'],
};
const TINY: MatcherContent = {
  faq: [
    { id: 'return', lang: 'en', examples: ['how do I go back home', 'I want to return to my country', 'help to travel back'] },
    { id: 'office', lang: 'en', examples: ['where is your office', 'opening hours of the office', 'address of the agency'] },
  ],
  intents: [{ id: 'greeting', lang: 'en', examples: ['hello', 'good morning', 'hi there'] }],
};

/** Each array of `a` holds the same bytes as the same array of `b`. */
function expectSameBytes(a: FrozenWeights, b: FrozenWeights): void {
  expect({ classes: a.classes, scale: a.scale }).toEqual({ classes: b.classes, scale: b.scale });
  for (const key of ['rowStart', 'weights', 'bias'] as const) {
    const [x, y] = [a[key], b[key]];
    expect(Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(Buffer.from(y.buffer, y.byteOffset, y.byteLength)), key).toBe(true);
  }
}

/** A recorder of the training threads started, and of whether each has exited. */
function threads() {
  const started: Worker[] = [];
  const exited = new Set<Worker>();
  return { started, exited, onThread: (thread: Worker) => (started.push(thread), thread.once('exit', () => exited.add(thread))) };
}

describe('trainInThread (the models trained in a short-lived thread, issue 13)', () => {
  let content: MatcherContent;
  beforeAll(() => {
    content = loadTestContent('locales');
  });

  it('trains the language model byte for byte as in-process training, in SharedArrayBuffers, and the thread has exited', async () => {
    const seen = threads();
    const weights = await trainInThread({ kind: 'language', content, options: OPTIONS }, { onThread: seen.onThread });
    expect(seen.started).toHaveLength(1);
    expect(seen.exited.has(seen.started[0]!)).toBe(true);
    const here = trainWeights(content, OPTIONS);
    expect(weights.ids).toEqual(here.ids);
    expect(weights.examples).toBe(here.examples);
    expectSameBytes(weights.frozen, here.frozen);
    expect(weights.frozen.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
  }, THREAD_MS);

  it("trains the safety detector's learned layer byte for byte as in-process training", async () => {
    const loaded = loadContent('locales');
    expect(loaded.errors).toEqual([]);
    const set = learnedTrainingSet(loaded.snapshot!);
    const answer = await trainInThread({ kind: 'safety', set });
    const here = trainSafetyAnswer(set);
    expect(answer.weights!.examples).toBe(here.weights!.examples);
    expect(answer.weights!.words).toEqual(here.weights!.words);
    expectSameBytes(answer.weights!.frozen, here.weights!.frozen);
    expect(answer.weights!.frozen.bias.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((await trainInThread({ kind: 'safety', set: { emergency: [], ordinary: SMALL.ordinary } })).weights).toBeNull();
  }, THREAD_MS);

  it('rejects when the training throws (the thread has exited), and ends a thread that takes too long', async () => {
    const seen = threads();
    const broken = { kind: 'language', content: null as unknown as MatcherContent, options: OPTIONS } as const;
    await expect(trainInThread(broken, { onThread: seen.onThread })).rejects.toThrow();
    expect(seen.exited.has(seen.started[0]!)).toBe(true);
    await expect(trainInThread({ kind: 'safety', set: SMALL }, { timeoutMs: 1, onThread: seen.onThread })).rejects.toThrow('did not finish within 1 ms');
    expect(seen.exited.has(seen.started[1]!)).toBe(true);
  }, THREAD_MS);

  it('falls back to training in the main thread when the thread fails, and says so', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const answer = await threadSafetyTraining(logger, { timeoutMs: 1 })(SMALL);
    expect(lines.join('')).toContain('the training thread failed: training in the main thread instead');
    expectSameBytes(answer.weights!.frozen, trainSafetyAnswer(SMALL).weights!.frozen);
  }, THREAD_MS);

  it('a hot reload trains the new content in a new thread, and the live understander moves to it', async () => {
    const seen = threads();
    const listeners: Array<(c: MatcherContent) => void> = [];
    let current = TINY;
    const trainer = new ModelTrainer(OPTIONS, threadLanguageTraining(createLogger({ level: 'silent' }), { onThread: seen.onThread }));
    const live = await liveUnderstander({ content: { current: () => current, onChange: (l) => listeners.push(l) }, options: OPTIONS, logger: createLogger({ level: 'silent' }), trainer });
    const before = live().model.examples;
    current = { ...TINY, faq: [...TINY.faq, { id: 'work', lang: 'en', examples: ['can I work here', 'looking for a job'] }] };
    for (const listener of listeners) listener(current);
    await waitFor(() => live().model.examples === before + 2, THREAD_MS, 'the reloaded model');
    expect(live().model.ids).toContain('work');
    expect(seen.started).toHaveLength(2);
    await waitFor(() => seen.exited.size === 2, THREAD_MS, 'both training threads to exit');
  }, THREAD_MS);

  it('trains both models before the turn threads start, so their requests find them trained; a failure leaves the trainers to train on request', async () => {
    const loaded = loadContent('locales');
    const snapshot = loaded.snapshot!;
    const told: string[] = [];
    const untrained = async (): Promise<never> => Promise.reject(new Error('trained again'));
    const trainers = { language: new ModelTrainer(OPTIONS, untrained, () => told.push('language')), safety: new SafetyModelTrainer(untrained, () => told.push('safety')) };
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    await trainBeforeTurnThreads(snapshot, trainers, OPTIONS, logger);
    expect(told).toEqual(['language', 'safety']);
    // What a turn thread sends (its training content, its training set) is answered from what was trained (the
    // trainers' own training would reject; the same bytes as in-process training: the tests above).
    const weights = await trainers.language.answer(structuredClone(trainingContent(snapshot)));
    expect(weights.examples).toBeGreaterThan(1000);
    expect(weights.frozen.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect((await trainers.safety.answer(learnedTrainingSet(snapshot))).weights!.examples).toBeGreaterThan(100);

    const fresh = { language: new ModelTrainer(OPTIONS, untrained), safety: new SafetyModelTrainer(untrained) };
    await trainBeforeTurnThreads(snapshot, fresh, OPTIONS, logger, { timeoutMs: 1 });
    expect(lines.join('')).toContain('the training thread failed: the models will be trained when the turn threads ask');
    await expect(fresh.language.answer(trainingContent(snapshot))).rejects.toThrow('trained again');
  }, THREAD_MS);
});
