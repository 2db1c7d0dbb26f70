import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { ConceptTagger } from '../../../src/domain/nlu/conceptTagger.js';
import { trainLearnedLayer, withLearnedLayer, CALM_QUESTION, LEARNED_RULE, LEARNED_THRESHOLD, PROGRAMME_QUESTION_THRESHOLD } from '../../../src/domain/safety/learnedSafetyLayer.js';
import { programmeQuestionReader } from '../../../src/domain/safety/programmeQuestion.js';
import { createSafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

const asksAboutProgramme = programmeQuestionReader(new ConceptTagger(), ['but', 'mais', 'ولكن', 'now']);
let snapshot: ContentSnapshot;
beforeAll(() => {
  const loaded = loadContent('locales');
  expect(loaded.errors).toEqual([]);
  snapshot = loaded.snapshot!;
});

describe('a question about the programme', () => {
  it('is a part ending with a question mark that speaks of the return, its cost, its ticket or registering', () => {
    for (const text of [
      'once I am back home, is a new trip to Europe possible? I fear a lifetime ban',
      'le billet c est gratuit ? on a plus rien',
      'واش التذكرة بالمجان؟',
      'abeg, the flight na free? my landlord wan drive me',
      'good morning. i wan know if una dey pay transport for the return, my landlord wan drive me',
      'je voulais savoir si on peut s inscrire avec un enfant',
    ])
      expect(asksAboutProgramme(text), text).toBe(true);
  });

  it('is not a plea for help, a question without the programme, or a statement about it', () => {
    for (const text of [
      'he is bleeding a lot, what do I do?',
      'they took my passport, what can I do?',
      'شنو نديرو؟ الدار كتشعل',
      'I want to register for the return next week',
      // A question, then an emergency after a turn word: the rules' reading of a message that changes course.
      'is the flight free? but now my friend fell and she is not breathing',
      'je voulais savoir si le retour est gratuit. mais la mon voisin saigne de la tete',
    ])
      expect(asksAboutProgramme(text), text).toBe(false);
  });

  it('makes the learned layer demand more: a worried sentence beside it is the worry of someone planning the return', () => {
    // Written for this test (from no set): before this rule the layer fired on both (0.997 and 0.991, self-harm).
    const rules = createSafetyDetector(snapshot.safety);
    const classifier = trainLearnedLayer(snapshot)!;
    for (const text of [
      'if I go home with you, am I allowed a visa later? I do not want to be stuck for life',
      'will my children go to school after the return? I do not want them to have no life there',
    ]) {
      expect(rules.detect(text), text).toBeNull();
      expect(classifier.estimate(text).probability, text).toBeGreaterThanOrEqual(LEARNED_THRESHOLD);
      expect(withLearnedLayer(rules, classifier).detect(text), text).toBeNull();
      expect(withLearnedLayer(rules, classifier, LEARNED_THRESHOLD, LEARNED_THRESHOLD).detect(text), text).toMatchObject({ rule: LEARNED_RULE });
    }
  });

  it('is no such question when its programme word is negated or the question itself alarms the layer', () => {
    expect(asksAboutProgramme('mon fils est parti nager et il est pas rentre, on fait quoi ?'), 'negated').toBe(false);
    expect(asksAboutProgramme('he did not return from the beach, where do we look?'), 'negated').toBe(false);
    expect(asksAboutProgramme('is the ticket free?', () => true), 'alarming').toBe(false);
    // Written for this test: someone far out in the water, told in the same question as the ticket's word; the rules
    // miss it. (The one before, "... il est pas rentre, on fait quoi ?", negates its programme word: no such question.)
    const text = 'il est parti nager il y a deux heures et il est toujours dans l eau loin, on voit plus sa tete, le billet c est gratuit ?';
    const rules = createSafetyDetector(snapshot.safety);
    expect(rules.detect(text)).toBeNull();
    expect(asksAboutProgramme(text), 'a programme question by its words').toBe(true);
    // The layer reads the question itself as alarming (about 0.98 in safety14l, above CALM_QUESTION): the ticket's word
    // does not silence it. Checked at its own score, so the test does not hang on LEARNED_THRESHOLD.
    const classifier = trainLearnedLayer(snapshot)!;
    const p = classifier.estimate(text).probability;
    expect(p).toBeGreaterThan(CALM_QUESTION);
    expect(withLearnedLayer(rules, classifier, p, PROGRAMME_QUESTION_THRESHOLD, asksAboutProgramme).detect(text)).toMatchObject({ rule: LEARNED_RULE });
  });
});
