import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n, type TFunction } from 'i18next';
import { LANGUAGES, type Language } from './languages.js';

/** A translator bound to one language. */
export type Translate = TFunction;

/** The assistant's i18next instance plus a typed helper for one language. */
export interface Translator {
  readonly i18n: i18n;
  /** Translator for `lang`. */
  forLanguage(lang: Language): Translate;
}

/**
 * Loads `locales/<lng>/translation.json` for every shipped language into a fresh i18next instance
 * (no global singleton, so tests can build their own).
 */
export async function createTranslator(localesDir: string, fallback: Language = 'fr'): Promise<Translator> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lng of LANGUAGES) {
    const file = join(localesDir, lng, 'translation.json');
    resources[lng] = { translation: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> };
  }
  const instance = i18next.createInstance();
  await instance.init({
    resources,
    lng: fallback,
    fallbackLng: fallback,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<typeof instance.init>[0]);
  return {
    i18n: instance,
    forLanguage: (lang) => instance.getFixedT(lang),
  };
}
