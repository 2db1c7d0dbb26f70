import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { buildSafetyDetector } from '../../../src/domain/safety/learnedSafetyLayer.js';
import type { SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

let detector: SafetyDetector;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  detector = buildSafetyDetector(snapshot!);
});

/**
 * The figures README "Emergencies" reports, as floors: a change to the detector or its lists that loses a
 * caught emergency or adds a false alarm on these sets fails here. The detector is the one the assistant runs: the
 * rules, then the learned layer (`buildSafetyDetector`). (The assistant acts on the detector alone
 * for emergencies: a matcher emergency without the detector is only offered as a candidate.)
 */
const FIGURES = [
  { file: 'test/fixtures/nlu/safety-set-2.jsonl', minCaught: 100, emergencies: 100, maxFalseAlarms: 0, ordinary: 50 },
  { file: 'test/fixtures/nlu/safety-set-3.jsonl', minCaught: 148, emergencies: 148, maxFalseAlarms: 0, ordinary: 90 },
  { file: 'test/fixtures/nlu/safety-set.jsonl', minCaught: 126, emergencies: 126, maxFalseAlarms: 0, ordinary: 60 },
  { file: 'test/fixtures/nlu/dev-set.jsonl', minCaught: 2, emergencies: 2, maxFalseAlarms: 0, ordinary: 78 },
  // field-set-1: 1 false alarm (the learned layer's) until safety11l, whose programme question rule removed it.
  // independent-holdout keeps its 1: a question that is itself alarming to the layer is no calm programme question.
  { file: '../shared/nlu/field-set-1.jsonl', minCaught: 8, emergencies: 8, maxFalseAlarms: 0, ordinary: 303 },
  // Development sets since the learned layer (safety-set-4) and the safety9d round (safety-set-5): their kinds of
  // phrasing were studied, their lines never copied. safety-set-4: 164 caught, 2 false alarms after safety9b and the
  // learned layer; 168 and 0 after safety9d. safety-set-5 (blind until then): 168 caught, 7 false alarms before
  // safety9d; 185 (13 by the layer) and 0 after.
  { file: 'test/fixtures/nlu/safety-set-4.jsonl', minCaught: 168, emergencies: 168, maxFalseAlarms: 0, ordinary: 97 },
  { file: 'test/fixtures/nlu/safety-set-5.jsonl', minCaught: 185, emergencies: 185, maxFalseAlarms: 0, ordinary: 108 },
  // safety-set-6 (blind until the safety9e round): 154 caught, 6 false alarms on main before safety9e; 159 and 1 after
  // (the one left: a long account of a newspaper article, fired by the learned layer; see README "Emergencies"); 0 after
  // safety11 (its "but I am fine now" frames the message, and the learned layer skips framed messages).
  { file: 'test/fixtures/nlu/safety-set-6.jsonl', minCaught: 159, emergencies: 159, maxFalseAlarms: 0, ordinary: 103 },
  // safety-set-7: blind measure of the safety9e round (118 caught, 8 false alarms), a development set since the
  // safety10 round (120 and 7 after it; 124 and 0 after safety11). safety-set-8: written on 2 December by another
  // author, blind until the safety11 round: 124 caught and 16 false alarms before the safety10 round, 125 and 16 after
  // it, 130 and 0 after safety11 (a development set since).
  { file: 'test/fixtures/nlu/safety-set-7.jsonl', minCaught: 124, emergencies: 124, maxFalseAlarms: 0, ordinary: 91 },
  { file: 'test/fixtures/nlu/safety-set-8.jsonl', minCaught: 130, emergencies: 130, maxFalseAlarms: 0, ordinary: 103 },
  // Ordinary lines only: false alarms of the detector (rules and learned layer) on the understanding sets.
  // A documented trade of the safety11 round: the learned layer, retrained on that round's examples, reads one more
  // ordinary line here as held (2/272, 0.7%) while safety-set-7 and -8 lose 23 false alarms and gain 9 emergencies.
  // 1 since safety12l's steadied layer (trained on safety-ordinary.yaml, not the FAQ).
  { file: 'test/fixtures/nlu/independent-holdout.jsonl', minCaught: 4, emergencies: 4, maxFalseAlarms: 0, ordinary: 272 },
  { file: 'test/fixtures/nlu/independent-holdout-2.jsonl', minCaught: 3, emergencies: 3, maxFalseAlarms: 0, ordinary: 338 },
  { file: 'test/fixtures/nlu/independent-holdout-3.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 361 },
  { file: 'test/fixtures/nlu/independent-holdout-4.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 329 },
  { file: 'test/fixtures/nlu/independent-holdout-5.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 425 },
  // independent-holdout-6: 2 false alarms of the rules until safety12 (a passport taken by the police, a threatened
  // woman asking whether the service helps women like her), 0 after.
  { file: 'test/fixtures/nlu/independent-holdout-6.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 369 },
  // Blind sets written on 2 December (evening) by new authors, measured on the code before any tuning on them:
  // safety-set-9 124/134 caught, 12/124 false alarms; independent-holdout-7 (no emergencies) 9/402 false alarms.
  // After the safety11 / safety11l / nlu7 round (which never read them): 125/134 and 9/124; 7/402. Development sets
  // since the safety12 round: 134/134 and 0/124; 3/402 (the three left are the learned layer's). With safety12l's
  // steadied layer merged: 133/134 (one of the layer's catches lost to its retraining, a documented trade) and 0; 0/402.
  { file: 'test/fixtures/nlu/independent-holdout-7.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 402 },
  { file: 'test/fixtures/nlu/safety-set-9.jsonl', minCaught: 134, emergencies: 134, maxFalseAlarms: 0, ordinary: 124 },
  // Blind sets written on 3 December by new authors, measured on the code before any tuning on them (main at 9114701):
  // safety-set-10 127/152 caught, 9/120 false alarms; independent-holdout-8 (no emergencies) 5/391 false alarms.
  // After the safety12 / safety12l / nlu8 rounds (which never read them): 133/152 and 8/120; 2/391.
  // After the safety13 / safety13l rounds (safety-set-10 a development set since): 152/152 and 0/120; 1/391.
  { file: 'test/fixtures/nlu/safety-set-10.jsonl', minCaught: 152, emergencies: 152, maxFalseAlarms: 0, ordinary: 120 },
  { file: 'test/fixtures/nlu/independent-holdout-8.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 391 },
  // Blind safety-set-11 (written 3 December 2026 by blind11), measured on main at 6adadc0 before any tuning:
  // 150/155 caught (13 by the learned layer), 13/108 false alarms.
  // Blind independent-holdout-9 (no emergencies), same commit: 3/424 detector false alarms.
  { file: 'test/fixtures/nlu/independent-holdout-9.jsonl', minCaught: 0, emergencies: 0, maxFalseAlarms: 0, ordinary: 424 },
  // After the safety13 / safety13l / nlu9 rounds (which never read it): 151/155, 12/108; 13/108 once the one
  // safety-examples.yaml line that turned out a near copy of one of its lines was removed (the layer retrained).
  // safety16l (examples of safety-set-12's kinds): 1/108, the chicken for the baptism no longer an alarm; the one left
  // is the learned layer's (a boss's threat taken back as a joke after the window that fires, emergencyClassifier.ts).
  { file: 'test/fixtures/nlu/safety-set-11.jsonl', minCaught: 155, emergencies: 155, maxFalseAlarms: 1, ordinary: 108 },
  // Blind safety-set-12 (written 3 December 2026, evening, by blind12), measured on main at d174a3c before any tuning:
  // 143/159 caught (29 by the learned layer), 20/124 false alarms. safety-set-11 is a development set since.
  // After the safety14 / safety14l / nlu10 rounds (which never read it): 142/159 (the learned layer, retrained on its
  // new examples, lost one of its catches: a documented loss) and 19/124. safety-set-11 after them: 155/155 and 2/108;
  // independent-holdout-8 and -9 0 false alarms.
  // safety16l (a development set since; the learned layer's examples of its kinds, in other words): 157/159 (43 by the
  // learned layer: goodbyes, lost children, seizures, people pinned under vehicles) and 16/124. After safety16 (its
  // misses and false alarms read as kinds and fixed in the rules), merged with safety16l: 159/159 and 1/124.
  { file: 'test/fixtures/nlu/safety-set-12.jsonl', minCaught: 159, emergencies: 159, maxFalseAlarms: 1, ordinary: 124 },
  // Blind independent-holdout-11 (no emergencies labelled but 2), written 4 December 2026, main at 457a93d: 2/475
  // detector false alarms.
  { file: 'test/fixtures/nlu/independent-holdout-11.jsonl', minCaught: 2, emergencies: 2, maxFalseAlarms: 2, ordinary: 475 },
  // Blind safety-set-13 (written 4 December 2026 by blind13), measured on main at 4ff7a63 before any tuning: 146/169
  // caught (36 by the learned layer), 6/122 false alarms. safety-set-12 is a development set since.
  // After safety16l's learned-layer examples (which never read it; summary figures only): 147/169 and 5/122; 146/169
  // and 5/122 merged with nlu11 (its three reworded fr/safety-ordinary.yaml lines retrain the layer: one catch near
  // the line lost). safety16 alone (never read; one tried change reverted on its summary figure): 147/169 and 6/122.
  // All merged (safety16, safety16l, nlu11, nlu12): 147/169 and 5/122.
  { file: 'test/fixtures/nlu/safety-set-13.jsonl', minCaught: 147, emergencies: 169, maxFalseAlarms: 5, ordinary: 122 },
];

describe('emergency figures on the labelled sets', () => {
  it.each(FIGURES)('$file: at least $minCaught/$emergencies emergencies caught, at most $maxFalseAlarms false alarms', (f) => {
    if (!existsSync(f.file)) return; // the field set lives beside the project, not in a fresh clone
    const lines = readFileSync(f.file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { text: string; id: string | null });
    const emergencies = lines.filter((l) => l.id === 'intent.emergency');
    const ordinary = lines.filter((l) => l.id !== 'intent.emergency');
    expect([emergencies.length, ordinary.length]).toEqual([f.emergencies, f.ordinary]);
    const caught = emergencies.filter((l) => detector.detect(l.text) !== null).length;
    const falseAlarms = ordinary.filter((l) => detector.detect(l.text) !== null).length;
    expect(caught).toBeGreaterThanOrEqual(f.minCaught);
    expect(falseAlarms).toBeLessThanOrEqual(f.maxFalseAlarms);
  });
});
