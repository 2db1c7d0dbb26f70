import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { buildSafetyDetector, LEARNED_RULE, LEARNED_THRESHOLD, trainLearnedLayer } from '../../../src/domain/safety/learnedSafetyLayer.js';
import { unitsOf, WINDOW_WORDS, type EmergencyClassifier } from '../../../src/domain/safety/emergencyClassifier.js';
import { createSafetyDetector, type SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

let detector: SafetyDetector;
let rules: SafetyDetector;
let layer: EmergencyClassifier;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  layer = trainLearnedLayer(snapshot!)!;
  detector = buildSafetyDetector(snapshot!, layer);
  rules = createSafetyDetector(snapshot!.safety);
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

/**
 * Messages written for this test (safety16l), in words of no example and no labelled set, of the kinds the safety16l
 * examples teach (from safety-set-12's misses): a goodbye told by giving one's things away, in French, English and
 * Darija (Arabic and Latin letters), none of them with a word of dying. The rules catch none of them: the layer does.
 */
const GOODBYES = [
  'i gave my watch and my bike to my little brother, tell my mum i am sorry, by tomorrow i will be gone',
  'j ai donne ma montre et mon velo a mon petit frere, dites pardon a ma mere, demain je serai plus la',
  'خليت الساعة والكاسك لخويا الصغير، قولو للواليدة تسمحلي، من غدا ما بقيتش',
  '3tit lkasket w lmontre l khouya sghir, golo l walida tsm7 lia, mn ghda ma b9itch',
];

/**
 * Long messages typed as one sentence, the emergency at the end of an ordinary story: the layer reads them in
 * windows of {@link WINDOW_WORDS} words, because read whole the story's words drown the emergency: each of these
 * scores 0.02 to 0.11 read whole, 0.96 or more in its windows (safety16l, 4 December).
 */
const LONG_EMERGENCIES = [
  'salam kont bghit nsowl 3la lbarnamaj dyal rjou3 ana f tanja mn 3amayn khddam f lbini w mrati m3aya w jouj wlad w bghina nrj3o l bladna ghir lmochkil dyal lwra9 w daba lwld sghir ta7 mn sta7 w rasso kaysil bdem w ma kaydwich',
  'Hello good evening I registered with you in March and I was waiting for the call about the flight to Accra and my papers are ready but tonight my roommate took all his pills and a bottle of gin and now he is on the floor and will not wake up',
  'Bonsoir je vous avais ecrit pour le billet vers Dakar et les papiers de mes enfants et je sais que vous etes occupes mais la ce soir mon mari a pris tous les comprimes de sa mere et il ne se reveille plus il respire a peine',
];

/**
 * Ordinary messages of the safety16l negatives, in new words: a stuck door waiting for its repair, a sheep killed for
 * the feast, "what if I saw a fight" asked for a class, who meets me at the airport, and long settled stories of the
 * road told before a question about the return.
 */
const NEW_ORDINARY_16 = [
  'la porte du garage est coincee depuis hier, le serrurier passe jeudi',
  'pour l aid on egorge deux moutons chez mon oncle, tu es invite',
  'a quel numero on appelle si on est temoin d une bagarre ? je demande pour mon cours de francais',
  'c est mon voisin qui m attendra a l aeroport de dakar a la descente, ca pose un probleme ?',
  'Bonjour je vous ecris un peu long je suis arrivee a casablanca il y a deux ans avec mon mari on a traverse le desert et on a eu tres peur a la frontiere mais tout ca c est passe maintenant on travaille tous les deux et on voudrait rentrer au mali avant l ete est ce que vous pouvez nous dire quels papiers il faut pour les enfants',
  'Hi I hope you are well I came to Morocco some years ago through the desert it was a long road but that is all over now I have work and a room in Fes and I feel safe I would like to go home next spring how long does the registration take',
];

describe('the learned safety layer on the kinds of safety16l', () => {
  it.each(GOODBYES)('catches the goodbye "%s" on its own score (the rules stay silent)', (text) => {
    expect(rules.detect(text)).toBeNull();
    expect(detector.detect(text)?.rule).toBe(LEARNED_RULE);
    expect(layer.estimate(text).probability).toBeGreaterThanOrEqual(LEARNED_THRESHOLD);
  });

  it.each(LONG_EMERGENCIES)('reads the emergency at the end of the long message "%s" in its windows', (text) => {
    expect(unitsOf(text)[0]!.length).toBeGreaterThan(2 * WINDOW_WORDS);
    expect(layer.estimate(text).probability).toBeGreaterThanOrEqual(LEARNED_THRESHOLD);
    expect(detector.detect(text)).not.toBeNull();
  });

  it.each(NEW_ORDINARY_16)('lets "%s" through', (text) => {
    expect(detector.detect(text)).toBeNull();
  });
});
