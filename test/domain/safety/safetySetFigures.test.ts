import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { createSafetyDetector, type SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

let detector: SafetyDetector;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  detector = createSafetyDetector(snapshot!.safety);
});

/**
 * The figures README "Emergencies" reports, as floors: a change to the detector or its lists that loses a
 * caught emergency or adds a false alarm on these sets fails here. (The assistant acts on the detector alone
 * for emergencies: a matcher emergency without the detector is only offered as a candidate.)
 */
const FIGURES = [
  { file: 'test/fixtures/nlu/safety-set-2.jsonl', minCaught: 100, emergencies: 100, maxFalseAlarms: 0, ordinary: 50 },
  { file: 'test/fixtures/nlu/safety-set-3.jsonl', minCaught: 148, emergencies: 148, maxFalseAlarms: 0, ordinary: 90 },
  { file: 'test/fixtures/nlu/safety-set.jsonl', minCaught: 126, emergencies: 126, maxFalseAlarms: 0, ordinary: 60 },
  { file: 'test/fixtures/nlu/dev-set.jsonl', minCaught: 2, emergencies: 2, maxFalseAlarms: 0, ordinary: 78 },
  { file: '../shared/nlu/field-set-1.jsonl', minCaught: 8, emergencies: 8, maxFalseAlarms: 0, ordinary: 303 },
  { file: 'test/fixtures/nlu/independent-holdout.jsonl', minCaught: 4, emergencies: 4, maxFalseAlarms: 0, ordinary: 272 },
  { file: 'test/fixtures/nlu/independent-holdout-2.jsonl', minCaught: 3, emergencies: 3, maxFalseAlarms: 0, ordinary: 338 },
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
