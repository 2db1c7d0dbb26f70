import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTranslator, readLocaleFiles } from '../../src/i18n/i18n.js';
import { LANGUAGES } from '../../src/i18n/languages.js';

/** Every leaf of a nested resource object, as [dotted key, value]. */
function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Every leaf key of a nested resource object, dotted. */
function leafKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe('locales', () => {
  it('ship exactly the same keys in every language, none empty', () => {
    const keysByLang = Object.fromEntries(LANGUAGES.map((l) => [l, new Set(leafKeys(readLocaleFiles(`locales/${l}`)))]));
    const all = new Set(Object.values(keysByLang).flatMap((s) => [...s]));
    expect(all.size).toBeGreaterThan(10);
    for (const lang of LANGUAGES) {
      const missing = [...all].filter((k) => !keysByLang[lang]!.has(k));
      expect(missing, `keys missing in ${lang}`).toEqual([]);
      const empty = leaves(readLocaleFiles(`locales/${lang}`))
        .filter(([, v]) => (typeof v === 'string' ? v.trim() === '' : Array.isArray(v) ? v.length === 0 || v.some((x) => typeof x !== 'string' || x.trim() === '') : true))
        .map(([k]) => k);
      expect(empty, `empty (or non-text) strings in ${lang}`).toEqual([]);
    }
  });

  it('ship the same JSON files in every language', () => {
    const files = LANGUAGES.map((l) => readdirSync(`locales/${l}`).filter((f) => f.endsWith('.json')).sort().join(','));
    expect(new Set(files).size).toBe(1);
  });

  it('translate without falling back to the key', async () => {
    const translator = await createTranslator('locales');
    for (const lang of LANGUAGES) {
      const t = translator.forLanguage(lang);
      expect(t('welcome.intro')).not.toBe('welcome.intro');
    }
    expect(translator.forLanguage('ar')('menu.prompt')).toBe('ماذا تريد أن تفعل؟');
  });
});
