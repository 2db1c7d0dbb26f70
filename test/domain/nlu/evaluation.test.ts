import { describe, expect, it } from 'vitest';
import { evaluate, formatReport } from '../../../src/domain/nlu/evaluation.js';
import type { MessageUnderstander } from '../../../src/domain/nlu/understanding.js';

/** Answers avrr.cost for "free", null otherwise, always in French. */
const fake: MessageUnderstander = {
  understand: (text) => ({ lang: 'fr', id: /free|gratuit/.test(text) ? 'avrr.cost' : null, score: 0.5, candidates: [] }),
};

describe('evaluate', () => {
  const report = evaluate(fake, [
    { text: 'gratuit ?', lang: 'fr', id: 'avrr.cost' },
    { text: 'free?', lang: 'en', id: 'avrr.cost' },
    { text: 'météo', lang: 'fr', id: null },
    { text: 'comment je m inscris', lang: 'fr', id: 'avrr.register' },
  ]);

  it('scores ids (null included) and reply languages', () => {
    expect(report.accuracy).toBe(0.75);
    expect(report.languageAccuracy).toBe(0.75);
    expect(report.byId['avrr.cost']).toEqual({ right: 2, total: 2 });
    expect(report.byLanguage.en).toEqual({ right: 1, total: 1 });
  });

  it('measures precision and recall of "I don\'t know"', () => {
    expect(report.dontKnow).toEqual({ precision: 0.5, recall: 1, predicted: 2, expected: 1 });
  });

  it('lists confusions and renders a report', () => {
    expect(report.confusions).toEqual([{ expected: 'avrr.register', predicted: 'null', count: 1, example: 'comment je m inscris' }]);
    const text = formatReport(report);
    expect(text).toContain('id accuracy (null included): 75.0%');
    expect(text).toContain('avrr.register → null');
  });
});
