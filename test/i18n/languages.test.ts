import { describe, expect, it } from 'vitest';
import { languageOfLocale } from '../../src/i18n/languages.js';

describe('languageOfLocale', () => {
  it.each([
    ['ar-SA', 'ar'],
    ['en-US', 'en'],
    ['fr', 'fr'],
    ['FR_fr', 'fr'],
    ['de-DE', undefined],
    ['', undefined],
    [undefined, undefined],
    [42, undefined],
  ])('maps %s to %s', (locale, lang) => {
    expect(languageOfLocale(locale)).toBe(lang);
  });
});
