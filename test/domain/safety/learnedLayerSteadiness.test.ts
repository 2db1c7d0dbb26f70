import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { buildSafetyDetector, learnedTrainingSet, trainLearnedLayer } from '../../../src/domain/safety/learnedSafetyLayer.js';

let snapshot: ContentSnapshot;
beforeAll(() => {
  const loaded = loadContent('locales');
  expect(loaded.errors).toEqual([]);
  snapshot = loaded.snapshot!;
});

/** The texts of a labelled JSON-lines set. */
function textsOf(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** Development sets whose lines the layer is judged on here (never the blind sets). */
const DEVELOPMENT_SETS = [
  'test/fixtures/nlu/safety-set-9.jsonl',
  'test/fixtures/nlu/safety-set-8.jsonl',
  'test/fixtures/nlu/safety-set-7.jsonl',
  'test/fixtures/nlu/safety-set-6.jsonl',
  'test/fixtures/nlu/safety-set-5.jsonl',
  'test/fixtures/nlu/safety-set-4.jsonl',
  'test/fixtures/nlu/independent-holdout-7.jsonl',
  'test/fixtures/nlu/independent-holdout-6.jsonl',
  'test/fixtures/nlu/independent-holdout-5.jsonl',
  'test/fixtures/nlu/independent-holdout.jsonl',
  '../shared/nlu/dev-set.jsonl',
  '../shared/nlu/field-set-1.jsonl',
];

/** Thirty FAQ examples written for this test, many with the words that sound alarming (urgent, police, sick, sea). */
const NEW_FAQ_EXAMPLES = [
  'c est urgent je dois savoir si mon dossier avance',
  'la police m a demande mes papiers, le programme peut m aider a partir',
  'mon fils est malade depuis longtemps, il peut voyager avec nous',
  'on a traverse la mer il y a deux ans, maintenant on veut rentrer',
  'je suis perdu avec toutes ces demarches, qui peut m expliquer',
  'j ai peur de rater mon vol, a quelle heure il faut etre a l aeroport',
  'ma femme est enceinte de six mois, elle a le droit de prendre l avion',
  'mon passeport a brule dans l incendie de l an dernier, comment en refaire un',
  'est ce que vous aidez quelqu un qui sort de prison a rentrer chez lui',
  'je n ai plus rien a manger a la fin du mois, il y a une aide pour le retour',
  'urgent please how long before i get an answer about my file',
  'the police stopped me last week, does that block my return',
  'my daughter is sick with asthma, can she take the plane',
  'i crossed the desert years ago and now i want to go back home',
  'i am scared to go back with nothing, what help is there to start a business',
  'i lost all my documents in a fire last year, how do i get new ones',
  'my wife is pregnant, is it safe for her to travel on the programme',
  'i was in prison before, can i still register for the return',
  'abeg e don tey, wetin dey happen with my case',
  'the hospital bill is too much, does the programme pay for medicine after the return',
  'عاجل بغيت نعرف فين وصل الملف ديالي',
  'البوليس طلبو مني الوراق، واش البرنامج يقدر يعاوني نرجع',
  'ولدي مريض من زمان، واش يقدر يسافر معانا',
  'قطعنا البحر هادي عامين ودابا بغينا نرجعو',
  'خايف نرجع بلا والو، شنو المساعدة اللي كاينة',
  'هل يمكن لامرأة حامل أن تسافر مع البرنامج',
  'ضاع جواز سفري في حريق السنة الماضية، كيف أحصل على جواز جديد',
  '3andi mochkil f lwra9, chkoun y3awni',
  'ana mrid b sokar, wach n9der nsafer',
  'wach li kan f lhabs y9der ytsejjel f lbarnamaj',
];

describe('the learned safety layer, steadied and apart from the content (issue 9)', () => {
  it('does not move when FAQ examples are added: the same training set, the same decisions on the development sets', () => {
    expect(NEW_FAQ_EXAMPLES).toHaveLength(30);
    const grown: ContentSnapshot = {
      ...snapshot,
      faq: [...snapshot.faq, ...['fr', 'en', 'ar'].map((lang, i) => ({ ...snapshot.faq.find((entry) => entry.lang === lang)!, examples: NEW_FAQ_EXAMPLES.slice(i * 10, i * 10 + 10) }))],
    };
    expect(grown.faq.flatMap((entry) => entry.examples).length).toBe(snapshot.faq.flatMap((entry) => entry.examples).length + 30);
    // Until 3 December the FAQ and intent examples were the layer's negatives: each batch moved 20–30 lines.
    expect(learnedTrainingSet(grown)).toEqual(learnedTrainingSet(snapshot));
    const before = trainLearnedLayer(snapshot)!;
    const after = trainLearnedLayer(grown)!;
    const texts = DEVELOPMENT_SETS.flatMap(textsOf);
    expect(texts.length).toBeGreaterThan(2500);
    const moved = texts.filter((text) => before.estimate(text).probability !== after.estimate(text).probability);
    expect(moved).toEqual([]);
  }, 180_000);

  it('learns its everyday negatives from safety-ordinary.yaml: taking them away moves it', () => {
    const set = learnedTrainingSet(snapshot);
    const everyday = snapshot.safetyExamples.flatMap((corpus) => corpus.everyday);
    expect(everyday.length).toBeGreaterThan(3000);
    expect(snapshot.safetyExamples.map((corpus) => corpus.everydayVersion)).toEqual([4, 4, 3]);
    for (const text of everyday.slice(0, 50)) expect(set.ordinary).toContain(text);
    const without = learnedTrainingSet({ ...snapshot, safetyExamples: snapshot.safetyExamples.map((corpus) => ({ ...corpus, everyday: [] })) });
    expect(without.ordinary.length).toBe(set.ordinary.length - everyday.length);
  });

  it('decides the same whatever the seed of its example order: two seeds, the detector on every development set', () => {
    const texts = DEVELOPMENT_SETS.flatMap(textsOf);
    const first = buildSafetyDetector(snapshot, trainLearnedLayer(snapshot, { seed: 42 }));
    const second = buildSafetyDetector(snapshot, trainLearnedLayer(snapshot, { seed: 1000 }));
    const differ = texts.filter((text) => (first.detect(text) === null) !== (second.detect(text) === null));
    // 3 December, on these sets: plain AdaGrad moved 4–7 decisions from one seed to another (probabilities 0.76 logit
    // apart on average); steadied, 0 between seeds 42, 43, 1000 and 7 (0.05 logit apart). A line of slack.
    expect(differ.length).toBeLessThanOrEqual(1);
    const a = trainLearnedLayer(snapshot, { seed: 42 })!;
    const b = trainLearnedLayer(snapshot, { seed: 1000 })!;
    const logit = (p: number): number => Math.log(Math.max(p, 1e-9) / Math.max(1 - p, 1e-9));
    const gap = texts.reduce((sum, text) => sum + Math.abs(logit(a.estimate(text).probability) - logit(b.estimate(text).probability)), 0) / texts.length;
    expect(gap).toBeLessThan(0.15);
  }, 240_000);
});
