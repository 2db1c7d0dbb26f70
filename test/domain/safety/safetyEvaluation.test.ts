import { describe, expect, it } from 'vitest';
import type { SafeUnderstanding } from '../../../src/domain/safety/safeUnderstander.js';
import { evaluateSafety, formatSafetyFigures } from '../../../src/domain/safety/safetyEvaluation.js';

const answers: Record<string, Partial<SafeUnderstanding>> = {
  fire: { id: 'intent.emergency', safety: { category: 'disaster', rule: 'phrase', matches: [] } },
  help: { id: 'intent.emergency' },
  film: { id: 'intent.emergency', safety: { category: 'threat', rule: 'threat.kill', matches: [] } },
  boat: { id: 'intent.emergency', safety: { category: 'disaster', rule: 'learned', matches: [] } },
};
const understander = { understand: (text: string): SafeUnderstanding => ({ lang: 'fr', id: null, score: 0, candidates: [], ...answers[text] }) };

describe('evaluateSafety', () => {
  it('counts recall on emergency lines and false alarms on every other line, apart', () => {
    const figures = evaluateSafety(understander, [
      { text: 'fire', lang: 'en', id: 'intent.emergency' },
      { text: 'help', lang: 'en', id: 'intent.emergency' },
      { text: 'quiet', lang: 'en', id: 'intent.emergency' },
      { text: 'film', lang: 'en', id: null },
      { text: 'cost', lang: 'en', id: 'avrr.cost' },
    ]);
    expect(figures).toMatchObject({ emergencies: 3, caught: 2, byDetector: 1, ordinary: 2, falseAlarms: 1, missed: ['quiet'] });
    expect(figures.recall).toBeCloseTo(2 / 3);
    expect(figures.falseAlarmRate).toBe(0.5);
    expect(figures.alarms).toEqual([{ text: 'film', rule: 'threat.kill' }]);
    expect(figures.byCategory).toEqual({ disaster: 1, threat: 1 });
    const text = formatSafetyFigures(figures);
    expect(text).toContain('emergency recall: 66.7% (2/3 intent.emergency lines; 1 by the safety detector, 0 of them by its learned layer)');
    expect(text).toContain('false alarms: 50.0% (1/2 ordinary lines)');
  });

  it('tells the firings of the rules from those of the learned layer', () => {
    const figures = evaluateSafety(understander, [
      { text: 'fire', lang: 'en', id: 'intent.emergency' },
      { text: 'boat', lang: 'en', id: 'intent.emergency' },
      { text: 'film', lang: 'en', id: null },
    ]);
    expect(figures).toMatchObject({ caught: 2, byDetector: 2, byLearned: 1, firings: { rules: 2, learned: 1 } });
    const text = formatSafetyFigures(figures);
    expect(text).toContain('(2/2 intent.emergency lines; 2 by the safety detector, 1 of them by its learned layer)');
    expect(text).toContain('detector firings: 2 by the rules, 1 by the learned layer');
  });

  it('reports 100% recall and no false alarm for a set without emergencies', () => {
    expect(evaluateSafety(understander, [])).toMatchObject({ recall: 1, falseAlarmRate: 0 });
  });
});
