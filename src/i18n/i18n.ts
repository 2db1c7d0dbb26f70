import { readdirSync, readFileSync } from 'node:fs';
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
 * Loads every `locales/<lng>/*.json` file of each shipped language into one fresh i18next instance
 * (no global singleton, so tests can build their own). Each file holds its own top-level keys
 * (`translation.json` the core ones, `whatsapp.json` → `whatsapp.*`, ...), so parts of the app keep
 * their strings apart; a key defined in two files is an error.
 */
export async function createTranslator(localesDir: string, fallback: Language = 'fr'): Promise<Translator> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const lng of LANGUAGES) {
    resources[lng] = { translation: readLocaleFiles(join(localesDir, lng)) };
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

/** Merges the JSON files of one locale folder; throws when two files define the same top-level key. */
export function readLocaleFiles(dir: string): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const data = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(data)) {
      if (key in merged) throw new Error(`${join(dir, name)}: key "${key}" is already defined by another file`);
      merged[key] = value;
    }
  }
  return merged;
}
