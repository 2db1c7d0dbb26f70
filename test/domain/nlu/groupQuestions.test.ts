import { describe, expect, it } from 'vitest';
import { groupQuestions } from '../../../src/domain/nlu/groupQuestions.js';

const at = Date.UTC(2026, 10, 10);

describe('groupQuestions', () => {
  it('groups near-identical questions, most frequent first, with counts and languages', () => {
    const groups = groupQuestions([
      { text: 'Comment trouver du travail à Casablanca ?', lang: 'fr', at },
      { text: 'comment trouver du travail a casablanca', lang: 'fr', at: at + 1 },
      { text: 'COMMENT TROUVER DU TRAVAIL À CASA ???', lang: 'fr', at: at + 2 },
      { text: 'comment trouver du travaille a casablanca stp', lang: 'fr', at: at + 3, candidates: [{ id: 'reintegration.business', score: 0.3 }] },
      { text: 'What is the weather in Rabat?', lang: 'en', at },
      { text: 'what is the weather in rabat', lang: 'en', at },
      { text: 'كيفاش نجدد بطاقة الإقامة؟', lang: 'ar', at },
    ]);
    expect(groups.map((g) => g.count)).toEqual([4, 2, 1]);
    expect(groups[0]!.languages).toEqual({ fr: 4 });
    expect(groups[0]!.nearestIds).toEqual(['reintegration.business']);
    expect(groups[0]!.firstAt).toBe(at);
    expect(groups[0]!.lastAt).toBe(at + 3);
    expect(groups[1]!.text.toLowerCase()).toContain('weather');
    expect(groups[2]!.languages).toEqual({ ar: 1 });
  });

  it('keeps different questions apart', () => {
    const groups = groupQuestions([
      { text: 'visa pour la France', lang: 'fr', at },
      { text: 'qui a gagné le match hier', lang: 'fr', at },
    ]);
    expect(groups).toHaveLength(2);
  });

  it('returns nothing for no questions', () => {
    expect(groupQuestions([])).toEqual([]);
  });
});
