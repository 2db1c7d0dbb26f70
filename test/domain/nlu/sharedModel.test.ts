import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstander } from '../../../src/domain/nlu/hybridUnderstander.js';
import type { MatcherContent } from '../../../src/domain/nlu/matcher.js';
import { contentVersion, ModelTrainer } from '../../../src/domain/nlu/sharedModel.js';
import { loadTestContent } from './loadTestContent.js';

const OPTIONS = { matcher: { defaultLanguage: 'fr' as const } };
const TEXTS = ['c quoi le rapatriement volontaire', 'wach kayn chi mosa3ada f lkra', 'I lost my passport what do I do', 'بغيت نرجع لبلادي', "je veux envoyer de l'argent a ma famille"];

let content: MatcherContent;
beforeAll(() => {
  content = loadTestContent('locales');
});

/** Each test trains the content's model twice (about 2 s on a quiet machine, 25 s at a load of 30 on 2 cores). */
const TWO_TRAININGS_MS = 90_000;

describe('ModelTrainer (train once per content version, share the weights)', () => {
  it('a model rebuilt from the shared weights scores exactly as one trained on the same content', () => {
    const trainer = new ModelTrainer(OPTIONS);
    const shared = createUnderstander(content, { ...OPTIONS, trained: structuredClone(trainer.weights(content)) });
    const own = createUnderstander(content, OPTIONS);
    expect(shared.model.ids).toEqual(own.model.ids);
    expect(shared.model.storedWeights).toBe(own.model.storedWeights);
    for (const text of TEXTS) {
      expect(Array.from(shared.model.probabilities(text))).toEqual(Array.from(own.model.probabilities(text)));
      expect(shared.understand(text)).toEqual(own.understand(text));
    }
  }, TWO_TRAININGS_MS);

  it('trains once per content version (the same examples give the cached weights; changed examples, new ones)', () => {
    const trainer = new ModelTrainer(OPTIONS);
    const first = trainer.weights(content);
    // A copy of the same content (as a thread sends it) is the same version.
    expect(trainer.answer(structuredClone(content))).toBe(first);
    const changed: MatcherContent = { ...content, faq: content.faq.map((e, i) => (i === 0 ? { ...e, examples: [...e.examples, 'une question toute neuve sur le retour'] } : e)) };
    expect(contentVersion(changed)).not.toBe(contentVersion(content));
    const second = trainer.weights(changed);
    expect(second).not.toBe(first);
    expect(second.examples).toBe(first.examples + 1);
    // The weights live in SharedArrayBuffers: posting them to a thread shares them rather than copying.
    expect(first.frozen.weights.buffer).toBeInstanceOf(SharedArrayBuffer);
  }, TWO_TRAININGS_MS);
});
