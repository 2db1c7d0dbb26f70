import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { trainEmergencyClassifier, unitsOf, WINDOW_WORDS } from '../../../src/domain/safety/emergencyClassifier.js';
import { buildSafetyDetector, LEARNED_RULE, LEARNED_THRESHOLD, learnedTrainingSet, withLearnedLayer } from '../../../src/domain/safety/learnedSafetyLayer.js';
import { createSafetyDetector, type SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

let snapshot: ContentSnapshot;
let rules: SafetyDetector;
let detector: SafetyDetector;
beforeAll(() => {
  const loaded = loadContent('locales');
  expect(loaded.errors).toEqual([]);
  snapshot = loaded.snapshot!;
  rules = createSafetyDetector(snapshot.safety);
  detector = buildSafetyDetector(snapshot);
});

describe('the learned safety layer', () => {
  it('is trained on the example corpus, the safety phrases and safety-ordinary.yaml, not on the FAQ and intent examples', () => {
    const set = learnedTrainingSet(snapshot);
    const corpusEmergencies = snapshot.safetyExamples.flatMap((c) => Object.values(c.emergency).flat()).length;
    expect(corpusEmergencies).toBeGreaterThanOrEqual(750);
    expect(set.emergency.length).toBeGreaterThan(corpusEmergencies);
    const everyday = snapshot.safetyExamples.flatMap((c) => c.everyday).length;
    expect(set.ordinary.length).toBeGreaterThan(everyday);
    // An FAQ example written after the snapshot of 3 December is not a negative (it is in no safety file).
    const faq = new Set(snapshot.faq.flatMap((e) => e.examples));
    const fromSafetyFiles = new Set([...snapshot.safetyExamples.flatMap((c) => [...c.ordinary, ...c.everyday]), ...snapshot.safety.languages.flatMap((l) => l.ignore)]);
    expect(set.ordinary.every((text) => fromSafetyFiles.has(text))).toBe(true);
    expect(learnedTrainingSet({ ...snapshot, faq: [] } as ContentSnapshot)).toEqual(set);
    expect(faq.size).toBeGreaterThan(0);
  });

  it('catches, behind the rules, emergencies written for this test and found in no example, with their category', () => {
    const unseen: Array<{ text: string; category: string; or?: string }> = [
      { text: 'the roof of the garage fell and my cousin is stuck under the concrete', category: 'disaster' },
      { text: 'our canoe turned over near the island and two kids are gone under the water', category: 'disaster' },
      { text: 'la cabane est pleine de fumee et ma grand mere tousse sans arret', category: 'disaster', or: 'medical' },
      { text: 'ils ont ferme le garage a cle et on est 12 dedans depuis dimanche', category: 'held' },
      { text: 'lflouka 3amra b lma o lmouj kbir bzaf', category: 'disaster' },
      { text: 'my uncle fell into the irrigation canal and we cant see him anymore', category: 'disaster' },
      { text: 'ils ont verse du mazout sur la porte du garage et craquent des allumettes', category: 'disaster' },
      // safety13: the rules now catch the garage roof, the canal and the flouka; two more the rules miss.
      { text: 'the big tank fell over and my brother is under it, only his legs show', category: 'medical', or: 'disaster' },
      { text: 'the dinghy is full of holes and the sea is very big', category: 'disaster' },
    ];
    // The rules grow too (the canoe is theirs since the safety9b round): the layer is judged on what they miss.
    const missed = unseen.filter(({ text }) => rules.detect(text) === null);
    expect(missed.length).toBeGreaterThanOrEqual(5);
    const caught = missed.filter(({ text }) => detector.detect(text) !== null);
    // 2 December, after the safety9b rules: 3 of the 6 the rules miss.
    expect(caught.length).toBeGreaterThanOrEqual(3);
    for (const { text, category, or } of caught) {
      // Smoke and a grandmother coughing non-stop is fire and a medical emergency alike: either reply is right.
      const found = detector.detect(text)!;
      expect(found, text).toMatchObject({ rule: LEARNED_RULE, matches: [{ rule: LEARNED_RULE, category: found.category }] });
      expect([category, or ?? category], text).toContain(found.category);
    }
  });

  it('does not score a message the rules read as framed (a film, a joke), nor a one-word sentence beside longer ones', () => {
    const classifier = trainEmergencyClassifier({
      emergency: [{ category: 'disaster', text: 'the boat sank and people are in the water' }, { category: 'danger', text: 'sos' }],
      ordinary: ['i want to change my appointment', 'how do i fill the form', 'what is the programme'],
    });
    const framing: SafetyDetector = { detect: () => null, reply: () => '', framed: (text) => text.startsWith('in the film') };
    const layered = withLearnedLayer(framing, classifier, 0.5);
    expect(layered.detect('the boat sank and people are in the water')).not.toBeNull();
    expect(layered.detect('in the film the boat sank and people are in the water')).toBeNull();
    // "sos" alone scores high; beside a longer ordinary sentence only that sentence is read.
    expect(classifier.estimate('sos').probability).toBeGreaterThan(0.5);
    expect(classifier.estimate('sos. how do i fill the form').probability).toBeLessThan(classifier.estimate('sos').probability);
  });

  it('stays silent on ordinary and past-tense messages that use alarming words', () => {
    for (const text of [
      'je cherche le formulaire pour le retour de ma famille',
      'my brother had a fit two years ago and takes pills now, can he fly',
      'we watched a film about a boat that sank, can we travel by plane',
      'شحال كيدوم الملف ديال الرجوع',
      'what do i bring to the appointment',
    ])
      expect(detector.detect(text), text).toBeNull();
  });

  it('leaves one- and two-word messages to the rules: a first name typed in the booking flow is not an emergency', () => {
    const classifier = trainEmergencyClassifier(learnedTrainingSet(snapshot));
    // "Awa" scored above the threshold as a disaster (2 December), which ended a booking with an emergency reply.
    const silent = { detect: () => null, reply: () => '' };
    for (const text of ['Awa', 'Awa Diop', 'Moussa', 'Fatou', 'casa']) expect(withLearnedLayer(silent, classifier, 0).detect(text), text).toBeNull();
    expect(withLearnedLayer(silent, classifier, 0).detect('awa fell in the water')).not.toBeNull();
  });

  it('generalises to corpus lines it was not trained on: an eighth of every list held out, twice', () => {
    // Two slices (the 4th and the 6th line of every 8): one slice's ~60 lines the rules miss moved the ratio by 0.1
    // with a handful of examples added elsewhere (3 December), for the plain layer and the steadied one alike.
    let missedByRules = 0;
    let caughtByLayer = 0;
    let layerAlarms = 0;
    for (const slice of [3, 5]) {
      const held: Array<{ text: string; emergency: boolean }> = [];
      const keep = (list: readonly string[], emergency: boolean): string[] => list.filter((text, i) => (i % 8 === slice ? (held.push({ text, emergency }), false) : true));
      const safetyExamples = snapshot.safetyExamples.map((c) => ({
        ...c,
        emergency: Object.fromEntries(Object.entries(c.emergency).map(([category, list]) => [category, keep(list ?? [], true)])),
        ordinary: keep(c.ordinary, false),
      }));
      const partial = buildSafetyDetector({ ...snapshot, safetyExamples });
      const emergencies = held.filter((h) => h.emergency);
      expect(emergencies.length).toBeGreaterThanOrEqual(160);
      const missed = emergencies.filter((h) => !rules.detect(h.text));
      missedByRules += missed.length;
      caughtByLayer += missed.filter((h) => partial.detect(h.text)?.rule === LEARNED_RULE).length;
      layerAlarms += held.filter((h) => !h.emergency && !rules.detect(h.text) && partial.detect(h.text)).length;
    }
    // Measured on 2 December (one slice): 91 missed by the rules, 47 of those caught (52%); with main's Arabic
    // stemming and new concepts, 47%; with the safety9b rules (which now catch many of the easier ones) and the new
    // FAQ examples, 38%. 3 December, both slices: plain layer 52/123 (42%), steadied 51/123 (41%), 1 alarm.
    expect(caughtByLayer / missedByRules).toBeGreaterThanOrEqual(0.35);
    expect(layerAlarms).toBeLessThanOrEqual(2);
  }, 120_000);

  it('never overrides the rules: their category and rule are kept when they fire', () => {
    const text = 'au secours il me frappe';
    const byRules = rules.detect(text);
    expect(byRules).not.toBeNull();
    expect(detector.detect(text)).toEqual(byRules);
  });

  it('fires from the threshold only, and a layer without emergency examples is no layer', () => {
    const classifier = trainEmergencyClassifier({
      emergency: [
        { category: 'disaster', text: 'the boat is sinking' },
        { category: 'disaster', text: 'water fills the boat we sink' },
      ],
      ordinary: ['where is the office', 'how much is the ticket', 'can i bring my children', 'thank you'],
    });
    const silent = { detect: () => null, reply: () => 'reply' };
    const p = classifier.estimate('the boat sinks').probability;
    expect(p).toBeGreaterThan(0.5);
    expect(withLearnedLayer(silent, classifier, p).detect('the boat sinks')).toMatchObject({ category: 'disaster', rule: LEARNED_RULE });
    expect(withLearnedLayer(silent, classifier, p + 1e-6).detect('the boat sinks')).toBeNull();
    expect(withLearnedLayer(silent, classifier).detect('   ')).toBeNull();
    expect(withLearnedLayer(silent, undefined)).toBe(silent);
    expect(LEARNED_THRESHOLD).toBeGreaterThan(0.5);
  });

  it('reads a message the bot passes twice (before the dialogs, then in the understander) once', () => {
    let reads = 0;
    const counting = { detect: () => (reads++, null), reply: () => '' };
    const layered = withLearnedLayer(counting, trainEmergencyClassifier({ emergency: [{ category: 'danger', text: 'help me now' }], ordinary: ['hello'] }));
    layered.detect('hello there');
    layered.detect('hello there');
    expect(reads).toBe(1);
    layered.detect('something else');
    expect(reads).toBe(2);
  });

  it('reads a long message sentence by sentence and a long sentence in windows, so a story does not drown the emergency', () => {
    const story = `${'we came from far and we want to know about the programme and the papers and the office '.repeat(4)}the boat turned over and my brother is gone under the waves`;
    expect(unitsOf(story).some((unit) => unit.length <= WINDOW_WORDS)).toBe(true);
    expect(detector.detect(story)).not.toBeNull();
    expect(unitsOf('one. two! three? four\nfive')).toHaveLength(5);
  });

  it('reads a message typed without spaces in the words of its corpus, and leaves an ordinary one alone', () => {
    // Written for this test: an emergency and two ordinary messages, each one long word.
    // (Since safety13 the rules cut glued words too and read "my uncle … does not wake up": this one they miss.)
    const emergency = 'ourlittleboatisfullofholesandtheseaisveryrough';
    const ordinary = ['whenismyflightiwanttoknowthedateplease', 'jevoudraissavoirquandestmonrendezvouspourledepart'];
    expect(rules.detect(emergency)).toBeNull();
    expect(detector.detect(emergency)).toMatchObject({ rule: LEARNED_RULE, category: 'disaster' });
    for (const text of ordinary) expect(detector.detect(text), text).toBeNull();
    // Without the corpus's words (a bare unitsOf) the message stays one token.
    expect(unitsOf(emergency)).toEqual([[emergency]]);
  });
});
