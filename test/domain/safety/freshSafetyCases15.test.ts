import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { createSafetyDetector, type SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';
import { FRESH15_EMERGENCIES, FRESH15_ORDINARY } from './freshSafetyCases15.js';

let shipped: SafetyDetector;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  shipped = createSafetyDetector(snapshot!.safety);
});

// A fifteenth batch, by the safety15 helper with its change (freshSafetyCases15.ts): once used, a development set.
describe('the shipped safety lists on the fifteenth batch of fresh cases of issue 9', () => {
  it.each(FRESH15_EMERGENCIES)('fires on %j (%s)', (text) => {
    expect(shipped.detect(text)).not.toBeNull();
  });

  it.each(FRESH15_ORDINARY)('does not fire on %j (%s)', (text) => {
    expect(shipped.detect(text)).toBeNull();
  });
});
