/** Languages the assistant ships, in menu order. French is the default in Morocco. */
export const LANGUAGES = ['fr', 'en', 'ar'] as const;

/** One shipped language code. */
export type Language = (typeof LANGUAGES)[number];

/** Right-to-left languages: the web chat flips its layout for these. */
export const RTL_LANGUAGES: ReadonlySet<Language> = new Set<Language>(['ar']);

/** Each language's own name, as shown in the language menu (never translated). */
export const LANGUAGE_NAMES = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
} as const satisfies Record<Language, string>;

/** Narrows an unknown value to a shipped language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Text direction of a language. */
export function directionOf(lang: Language): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
}

/** The shipped language of a BCP 47 locale (`ar-SA` → `ar`, `en-US` → `en`), or undefined for any other. */
export function languageOfLocale(locale: unknown): Language | undefined {
  if (typeof locale !== 'string') return undefined;
  const primary = locale.trim().split(/[-_]/)[0]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}
