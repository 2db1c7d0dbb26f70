import { describe, expect, it } from 'vitest';
import type { MessageUnderstander, Understanding } from '../../../src/domain/nlu/understanding.js';
import { withSafety } from '../../../src/domain/safety/safeUnderstander.js';
import type { SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';

const fixed = (u: Partial<Understanding>): MessageUnderstander => ({ understand: () => ({ lang: 'fr', id: null, score: 0, candidates: [], ...u }) });
const detector = (fires: boolean): SafetyDetector => ({
  detect: () => (fires ? { category: 'medical', rule: 'medical.state', matches: [{ category: 'medical', rule: 'medical.state' }], lang: 'ar' } : null),
  reply: () => '',
});

describe('withSafety', () => {
  it('acts on intent.emergency when the detector fires, whatever the matcher found, in the language of the safety words', () => {
    const result = withSafety(fixed({ id: 'avrr.documents', score: 0.9, candidates: [{ id: 'avrr.documents', score: 0.9 }] }), () => detector(true)).understand('x');
    expect(result).toMatchObject({ id: 'intent.emergency', score: 1, candidates: [], lang: 'ar', safety: { category: 'medical' } });
  });

  it('passes the matcher through when the detector is silent', () => {
    const understanding = { lang: 'en' as const, id: 'avrr.cost', score: 0.8, candidates: [{ id: 'avrr.cost', score: 0.8 }] };
    expect(withSafety(fixed(understanding), () => detector(false)).understand('x')).toEqual(understanding);
  });

  it("offers the matcher's own intent.emergency first among the candidates instead of acting on it", () => {
    const result = withSafety(
      fixed({ id: 'intent.emergency', score: 0.5, candidates: [{ id: 'intent.emergency', score: 0.5 }, { id: 'avrr.documents', score: 0.3 }] }),
      () => detector(false),
    ).understand('urgent mon dossier');
    expect(result.id).toBeNull();
    expect(result.candidates.map((c) => c.id)).toEqual(['intent.emergency', 'avrr.documents']);
    expect(result).not.toHaveProperty('safety');
  });
});
