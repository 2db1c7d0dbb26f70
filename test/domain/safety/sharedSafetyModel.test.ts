import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { emergencyClassifierFromWeights, trainEmergencyClassifier, type EmergencyTrainingSet } from '../../../src/domain/safety/emergencyClassifier.js';
import { learnedTrainingSet } from '../../../src/domain/safety/learnedSafetyLayer.js';
import type { SafetyModelAnswer } from '../../../src/domain/safety/safetyModelRequest.js';
import { SafetyModelTrainer } from '../../../src/domain/safety/safetyModelTrainer.js';
import { safetyDetectorFromInstance, trainSafetyAnswer } from '../../../src/domain/safety/sharedSafetyModel.js';
import { createLogger } from '../../../src/observability/logger.js';

// Written for this test: a small set, so that training takes milliseconds.
const SMALL: EmergencyTrainingSet = {
  emergency: [
    { category: 'violence', text: 'three men are hitting my brother in the street right now' },
    { category: 'medical', text: 'the baby stopped breathing and her lips are blue' },
    { category: 'held', text: 'the boss locked the door of the workshop and keeps our papers' },
    { category: 'disaster', text: 'water is rising in the house and the children are on the roof' },
  ],
  ordinary: ['how long does the return take', 'can my wife come with me on the flight', 'where is the office in rabat', 'I lost my receipt of the appointment'],
};
const TEXTS = ['they are hitting him with a stick', 'my baby is not breathing', 'when is my flight', 'the water is in the house', 'bonjour'];

/** The training as the instance's fallback runs it (the training thread runs the same: trainingThread.test.ts). */
const inProcess = async (set: EmergencyTrainingSet) => trainSafetyAnswer(set);

describe('SafetyModelTrainer (the learned layer trained once by the instance, shared with its threads)', () => {
  it('a layer rebuilt from the shared weights estimates exactly as one trained on the same examples', async () => {
    const answer = await new SafetyModelTrainer(inProcess).answer(structuredClone(SMALL));
    const shared = emergencyClassifierFromWeights(structuredClone(answer.weights!));
    const own = trainEmergencyClassifier(SMALL);
    expect(shared.examples).toBe(own.examples);
    for (const text of TEXTS) expect(shared.estimate(text)).toEqual(own.estimate(text));
  });

  it('trains once per training set, keeps its weights in SharedArrayBuffers, and answers null without emergencies', async () => {
    const trained: number[] = [];
    const trainer = new SafetyModelTrainer(inProcess, (model) => trained.push(model.examples));
    const first = trainer.answer(structuredClone(SMALL));
    // A second thread asking while the first training runs waits for that one.
    expect(trainer.answer(structuredClone(SMALL))).toBe(first);
    expect((await first).weights!.frozen.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(trained).toEqual([SMALL.emergency.length + SMALL.ordinary.length]);
    const changed = { ...SMALL, ordinary: [...SMALL.ordinary, 'is there a training for mechanics'] };
    expect(await trainer.answer(changed)).not.toBe(await first);
    expect(trained).toHaveLength(2);
    expect((await trainer.answer({ emergency: [], ordinary: SMALL.ordinary })).weights).toBeNull();
  });

  it('forgets a failed training, so the next request trains again', async () => {
    let calls = 0;
    const trainer = new SafetyModelTrainer(async (set) => (++calls === 1 ? Promise.reject(new Error('thread died')) : trainSafetyAnswer(set)));
    await expect(trainer.answer(structuredClone(SMALL))).rejects.toThrow('thread died');
    expect((await trainer.answer(structuredClone(SMALL))).weights).not.toBeNull();
    expect(calls).toBe(2);
  });
});

/** An emergency no rule names (written for this test), so only the learned layer catches it. */
// safety13: the garage roof with the cousin stuck under it is now a rule's (medical.crushed).
const STORY = 'the big tank fell over and my brother is under it, only his legs show';

describe('safetyDetectorFromInstance (a turn worker thread)', () => {
  let snapshot: ContentSnapshot;
  let answer: SafetyModelAnswer;
  beforeAll(() => {
    const loaded = loadContent('locales');
    expect(loaded.errors).toEqual([]);
    snapshot = loaded.snapshot!;
    answer = trainSafetyAnswer(learnedTrainingSet(snapshot));
  }, 120_000);

  it("uses the instance's layer, sent for its own training set, and detects as a detector trained in the thread", async () => {
    const asked: EmergencyTrainingSet[] = [];
    const detector = await safetyDetectorFromInstance(async (set) => (asked.push(set), structuredClone(answer)), snapshot, createLogger({ level: 'silent' }));
    expect(asked).toEqual([learnedTrainingSet(snapshot)]);
    // Caught by the learned layer, not by a phrase (written for this test).
    expect(detector.detect(STORY)?.rule).toBe('learned');
    expect(detector.detect('how long does the return take')).toBeNull();
  });

  it('trains its own when the instance did not answer in time', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const detector = await safetyDetectorFromInstance(async () => undefined, snapshot, logger);
    expect(lines.join('')).toContain('this thread trains its own');
    expect(detector.detect(STORY)?.rule).toBe('learned');
  }, 120_000);
});
