import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstander } from '../../../src/domain/nlu/hybridUnderstander.js';
import type { MatcherContent } from '../../../src/domain/nlu/matcher.js';
import { contentVersion, ModelTrainer, type LanguageTraining } from '../../../src/domain/nlu/modelTrainer.js';
import { trainWeights } from '../../../src/domain/nlu/sharedModel.js';
import { loadTestContent } from './loadTestContent.js';

const OPTIONS = { matcher: { defaultLanguage: 'fr' as const } };
const TEXTS = ['c quoi le rapatriement volontaire', 'wach kayn chi mosa3ada f lkra', 'I lost my passport what do I do', 'بغيت نرجع لبلادي', "je veux envoyer de l'argent a ma famille"];

let content: MatcherContent;
beforeAll(() => {
  content = loadTestContent('locales');
});

/** Each test trains the content's model twice (about 2 s on a quiet machine, 25 s at a load of 30 on 2 cores). */
const TWO_TRAININGS_MS = 90_000;
/** The training as the instance's fallback runs it (the training thread runs the same: trainingThread.test.ts). */
const inProcess: LanguageTraining = async (c, o) => trainWeights(c, o);

describe('ModelTrainer (train once per content version, share the weights)', () => {
  it('a model rebuilt from the shared weights scores exactly as one trained on the same content', async () => {
    const trainer = new ModelTrainer(OPTIONS, inProcess);
    const shared = createUnderstander(content, { ...OPTIONS, trained: structuredClone(await trainer.weights(content)) });
    const own = createUnderstander(content, OPTIONS);
    expect(shared.model.ids).toEqual(own.model.ids);
    expect(shared.model.storedWeights).toBe(own.model.storedWeights);
    for (const text of TEXTS) {
      expect(Array.from(shared.model.probabilities(text))).toEqual(Array.from(own.model.probabilities(text)));
      expect(shared.understand(text)).toEqual(own.understand(text));
    }
  }, TWO_TRAININGS_MS);

  it('trains once per content version (the same examples give the cached weights; changed examples, new ones)', async () => {
    const trainings: number[] = [];
    const trainer = new ModelTrainer(OPTIONS, inProcess, (model) => trainings.push(model.examples));
    const pending = trainer.weights(content);
    // A copy of the same content (as a thread sends it) is the same version: it waits for the same training.
    expect(trainer.answer(structuredClone(content))).toBe(pending);
    const first = await pending;
    expect(trainings).toEqual([first.examples]);
    const changed: MatcherContent = { ...content, faq: content.faq.map((e, i) => (i === 0 ? { ...e, examples: [...e.examples, 'une question toute neuve sur le retour'] } : e)) };
    expect(contentVersion(changed)).not.toBe(contentVersion(content));
    const second = await trainer.weights(changed);
    expect(second).not.toBe(first);
    expect(second.examples).toBe(first.examples + 1);
    // The weights live in SharedArrayBuffers: posting them to a thread shares them rather than copying.
    expect(first.frozen.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
  }, TWO_TRAININGS_MS);
});
