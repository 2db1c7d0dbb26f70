import type { Language } from '../../i18n/languages.js';

/**
 * Calendar names for a local date ("YYYY-MM-DD") in the user's language. Only the naming of a calendar date is
 * delegated to Intl (in UTC, so no zone data is involved); every zone conversion uses moment-timezone (timeZones.ts).
 * Arabic uses Western digits, as written in Morocco.
 */
const LOCALES = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-u-nu-latn' } as const satisfies Record<Language, string>;

function utcDate(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "jeudi 10 décembre", "Thursday 10 December", "الخميس، 10 ديسمبر". */
export function formatDate(date: string, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(utcDate(date));
}

/** Local wall time "HH:MM" as shown to people (the same in every language). */
export function formatTime(time: string): string {
  return time;
}
