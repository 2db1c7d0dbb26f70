import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { createSafetyDetector, type SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';
import { FRESH15_EMERGENCIES, FRESH15_ORDINARY } from './freshSafetyCases15.js';
import { FRESH16_EMERGENCIES, FRESH16_ORDINARY } from './freshSafetyCases16.js';

let shipped: SafetyDetector;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  shipped = createSafetyDetector(snapshot!.safety);
});

// A fifteenth batch, by the safety15 helper with its change (freshSafetyCases15.ts), and a sixteenth by the safety16
// helper with its change (freshSafetyCases16.ts): once used, a batch is a development set.
const BATCHES = [
  ['fifteenth', FRESH15_EMERGENCIES, FRESH15_ORDINARY],
  ['sixteenth', FRESH16_EMERGENCIES, FRESH16_ORDINARY],
] as const;

describe.each(BATCHES)('the shipped safety lists on the %s batch of fresh cases of issue 9', (_batch, emergencies, ordinary) => {
  it.each(emergencies)('fires on %j (%s)', (text) => {
    expect(shipped.detect(text)).not.toBeNull();
  });

  it.each(ordinary)('does not fire on %j (%s)', (text) => {
    expect(shipped.detect(text)).toBeNull();
  });
});
