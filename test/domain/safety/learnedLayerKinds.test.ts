import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { buildSafetyDetector, LEARNED_THRESHOLD, trainLearnedLayer } from '../../../src/domain/safety/learnedSafetyLayer.js';
import type { EmergencyClassifier } from '../../../src/domain/safety/emergencyClassifier.js';
import type { SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

let detector: SafetyDetector;
let layer: EmergencyClassifier;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  layer = trainLearnedLayer(snapshot!)!;
  detector = buildSafetyDetector(snapshot!, layer);
});

/**
 * Messages written for this test (safety14l), in words that are in no example and no labelled set, of the kinds the
 * safety14l examples teach: the layer must read the kind, not the examples' words. Emergencies the rules miss (so the
 * layer is what catches them): someone in a car's boot, a rope ready, many locked in, women whose phones were taken.
 * Since safety14's rules (held.trunk, held.door_phones) the rules catch two of them too, so the layer is checked on its
 * own score: it must still know the kind if a rule is later narrowed.
 */
const NEW_EMERGENCIES = [
  'i am inside the boot, they tied my hands, the car is moving fast',
  'the rope is around my neck already i am sorry mama',
  'la corde est autour de mon cou, dites a ma mere que je l aime',
  'nous sommes quinze dans une chambre froide de l usine, la porte est bloquee de dehors',
  'on est trois filles, le patron de la maison a pris nos portables et on peut pas ouvrir la porte',
  'the man took the phones from all of us girls and the door is locked, i borrowed one to write',
  'khda lina tilifonat kamlin w sedd lbab, 7na 4 dyal lbnat',
];

/** Ordinary messages of the new kinds of negatives: the camp with all well, a family, games, a burn that is over... */
const NEW_ORDINARY = [
  'on est au camp de la foret, tout va bien, est ce que je peux m inscrire depuis ici',
  'i dey live for the bush near the border but i dey okay, how i fit register',
  'كنعيش ف المخيم حدا الحدود ولاباس، كيفاش نسجل',
  'nous sommes une famille de six, est ce que les enfants sont couverts aussi',
  'حنا ستة ف العائلة، واش كلشي داخل ف البرنامج',
  'dans free fire je tue tout le monde, je suis trop fort',
  'i spilled hot oil on my arm yesterday while frying, it is fine now',
  'تحرقت بالما سخون البارح، دابا لاباس',
  'il y a eu des inondations dans mon pays, j ai eu ma mere au telephone, ils sont tous sains et saufs',
  'sorry for the loss of your father last year, we all miss him',
  'bordel vous repondez jamais au telephone, c est nul',
  'الله ينعل هاد الإدارة، عمرهم ما كيجاوبو',
];

describe('the learned safety layer on new phrasings of the kinds it was taught (safety14l)', () => {
  it.each(NEW_EMERGENCIES)('catches "%s", and would by its own score alone', (text) => {
    expect(detector.detect(text)).not.toBeNull();
    expect(layer.estimate(text).probability).toBeGreaterThanOrEqual(LEARNED_THRESHOLD);
  });

  it.each(NEW_ORDINARY)('lets "%s" through', (text) => {
    expect(detector.detect(text)).toBeNull();
  });
});
