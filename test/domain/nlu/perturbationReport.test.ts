import { describe, expect, it } from 'vitest';
import { evaluatePerturbations, formatPerturbationReport } from '../../../src/domain/nlu/perturbationReport.js';
import type { MessageUnderstander } from '../../../src/domain/nlu/understanding.js';

/** Knows "billet" only when spelt right, and answers in English when the text is in capitals. */
const understander: MessageUnderstander = {
  understand: (text) => ({ id: /billet/.test(text) ? 'avrr.cost' : null, lang: text === text.toUpperCase() ? 'en' : 'fr', score: 1, candidates: [] }),
};

describe('evaluatePerturbations', () => {
  const report = evaluatePerturbations(understander, [
    { text: 'le billet', lang: 'fr', id: 'avrr.cost' },
    { text: 'bonjour', lang: 'fr', id: null },
  ]);

  it('scores the clean set, then each perturbation with what it lost', () => {
    const row = (name: string) => report.rows.find((r) => r.name === name)!;
    expect(row('clean')).toMatchObject({ accuracy: 1, languageAccuracy: 1 });
    expect(row('capitals')).toMatchObject({ changed: 2, accuracy: 0.5, languageAccuracy: 0, idLost: 1, languageLost: 2 });
    expect(row('no-accents')).toMatchObject({ changed: 0, accuracy: 1, idLost: 0, lost: [] });
    expect(row('capitals').lost[0]).toEqual({ text: 'LE BILLET', expected: 'avrr.cost fr', got: 'null en' });
  });

  it('formats a table, with the lost lines on demand', () => {
    const table = formatPerturbationReport(report);
    expect(table).toMatch(/^capitals\s+2\s+50\.0%\s+−50\.0\s+1\s+0\.0%\s+−100\.0\s+2$/m);
    expect(table).not.toContain('LE BILLET');
    expect(formatPerturbationReport(report, true)).toContain('capitals: avrr.cost fr → null en   "LE BILLET"');
  });
});
