import { describe, expect, it } from 'vitest';
import { AUGMENTING, trainTopicModel } from '../../../src/domain/nlu/topicModel.js';
import type { MatcherContent } from '../../../src/domain/nlu/matcher.js';
import { PERTURBATIONS } from '../../../src/domain/nlu/perturbations.js';

/** Two topics and the off-topic class, a few examples each, written for this test. */
const CONTENT: MatcherContent = {
  faq: [
    { id: 'avrr.register', lang: 'fr', examples: ['comment je peux m inscrire pour le retour', 'je voudrais inscrire mon nom pour rentrer', 'inscription au programme de retour volontaire'] },
    { id: 'avrr.documents', lang: 'fr', examples: ['quels documents faut il apporter', 'il faut quels papiers pour le dossier', 'mon passeport est perdu, quels documents donner'] },
  ],
  intents: [{ id: 'out_of_scope', lang: 'fr', examples: ['quel temps fera t il demain', 'donne moi une recette de cuisine', 'qui a gagne le match hier'] }],
};

describe('trainTopicModel with misspelt copies of the examples', () => {
  it('counts the content examples only, not their copies, and stays deterministic', () => {
    const model = trainTopicModel(CONTENT);
    expect(model.examples).toBe(9);
    const text = 'jveux minscrire pr rentrer';
    expect([...trainTopicModel(CONTENT).probabilities(text)]).toEqual([...model.probabilities(text)]);
  });

  it('trains on real perturbations only, and reads words run together better for having seen them', () => {
    const names = new Set(PERTURBATIONS.map((p) => p.name));
    for (const name of AUGMENTING) expect(names).toContain(name);
    const glued = 'commentje peuxm inscrire pourle retour';
    const register = (copies: number) => {
      const model = trainTopicModel(CONTENT, { augmentCopies: copies, augmentWith: ['no-spaces'] });
      return model.probabilities(glued)[model.ids.indexOf('avrr.register')]!;
    };
    expect(register(2)).toBeGreaterThan(register(0));
  });
});
