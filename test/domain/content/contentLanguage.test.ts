import { describe, expect, it } from 'vitest';
import { languageMismatch } from '../../../src/domain/content/contentLanguage.js';

describe('languageMismatch', () => {
  it.each([
    ['ar', 'يمكنك التسجيل في موعد توجيه مع *المنظمة الدولية للهجرة*.'],
    ['fr', "Vous pouvez vous inscrire lors d'un rendez-vous d'orientation."],
    ['en', 'You can sign up at an orientation appointment.'],
    ['fr', 'OIM'],
    ['en', '*IOM* (OIM)'],
    ['ar', '123 !'],
  ] as const)('accepts text written in its language (%s: %s)', (lang, text) => {
    expect(languageMismatch(text, lang)).toBeUndefined();
  });

  it.each([
    ['ar', 'You can sign up at an orientation appointment.', 'is not written in Arabic script'],
    ['en', 'يمكنك التسجيل في موعد توجيه', 'is in Arabic script, not English'],
    ['fr', 'You can come with your family and the children to the appointment.', 'looks English, not French'],
    ['en', 'Vous pouvez venir avec votre famille et les enfants au rendez-vous.', 'looks French, not English'],
  ] as const)('names the mismatch (%s: %s)', (lang, text, expected) => {
    expect(languageMismatch(text, lang)).toBe(expected);
  });
});
