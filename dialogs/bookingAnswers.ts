import { COMMON_NATIONALITIES, type NationalityAnswer } from '../src/domain/appointments/nationalities.js';
import type { OrientationPoint } from '../src/domain/appointments/orientationPoints.js';
import { isoWeekdayOf } from '../src/domain/appointments/timeZones.js';
import type { PreRegistration } from '../src/domain/appointments/appointmentService.js';

/**
 * Typed answers to the booking questions, in French, English, Arabic and Darija, besides the buttons' stable
 * ids. Each parser returns undefined when it does not understand, so the dialog asks again.
 */

/** Lowercases, strips accents, Arabic diacritics and punctuation; Arabic-Indic digits become 0-9. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u0652\u0640]/g, '')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[أإآ]/g, 'ا')
    .toLowerCase()
    .replace(/[!?.,;¿¡؟،"'«»()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const CANCEL = new Set(['annuler', 'annule', 'cancel', 'stop', 'quitter', 'arreter', 'exit', 'الغاء', 'خروج', 'توقف', 'baraka', 'safi', 'صافي', 'بركة']);
const BACK = new Set(['retour', 'back', 'precedent', 'previous', 'go back', 'رجوع', 'ارجع', 'الرجوع']);
const SKIP = new Set(['passer', 'skip', 'suivant', 'next', 'pass', 'je passe', 'تخطي', 'تجاوز', 'فوت']);
const YES = new Set(['oui', 'yes', 'y', 'ok', 'okay', 'd accord', 'dacord', 'daccord', 'wakha', 'waxa', 'iyeh', 'eyeh', 'نعم', 'اه', 'واخا', 'ايه', 'موافق', 'je confirme', 'confirmer', 'confirm', 'تاكيد', 'oui je confirme']);
const NO = new Set(['non', 'no', 'n', 'nope', 'la', 'لا', 'pas d accord', 'je refuse']);

/** "annuler", "cancel", "إلغاء"… */
export const isCancelWord = (text: string): boolean => CANCEL.has(fold(text));
/** "retour", "back", "رجوع"… */
export const isBackWord = (text: string): boolean => BACK.has(fold(text));
/** "passer", "skip", "تخطي"… */
export const isSkipWord = (text: string): boolean => SKIP.has(fold(text));
/** Yes/no in the three languages and Darija; undefined otherwise. */
export function parseYesNo(text: string): boolean | undefined {
  const f = fold(text);
  if (YES.has(f)) return true;
  if (NO.has(f)) return false;
  return undefined;
}

/** A point by alias, name, id or its position in the list ("1"). */
export function parsePoint(text: string, points: readonly OrientationPoint[]): string | undefined {
  const f = fold(text);
  const index = /^\d{1,2}$/.test(f) ? Number(f) : undefined;
  if (index !== undefined) return points[index - 1]?.id;
  return points.find((p) => {
    const words = [p.id, ...p.aliases, p.name.fr, p.name.en, p.name.ar].map(fold);
    return words.some((w) => f === w || f.split(' ').includes(w) || (w.includes(' ') && f.includes(w)));
  })?.id;
}

const TOMORROW = ['demain', 'tomorrow', 'ghda', 'ghdda', 'ghada', 'غدا', 'غدوة', 'غذا'];
const AFTER_TOMORROW = ['apres demain', 'apres-demain', 'after tomorrow', 'the day after tomorrow', 'بعد غد', 'بعد غدا', 'من بعد غدا', 'bad ghda'];
const WEEKDAY_WORDS: ReadonlyArray<readonly string[]> = [
  ['lundi', 'monday', 'mon', 'الاثنين', 'الإثنين', 'tnin', 'letnin', 'etnin'],
  ['mardi', 'tuesday', 'tue', 'الثلاثاء', 'tlat', 'tlata'],
  ['mercredi', 'wednesday', 'wed', 'الاربعاء', 'larb3a', 'lerb3a', 'arb3a'],
  ['jeudi', 'thursday', 'thu', 'الخميس', 'khmis', 'lekhmis'],
  ['vendredi', 'friday', 'fri', 'الجمعة', 'jem3a', 'jmaa', 'jumua'],
  ['samedi', 'saturday', 'sat', 'السبت', 'sebt', 'sabt'],
  ['dimanche', 'sunday', 'sun', 'الاحد', 'l7ed', 'lhed', 'had'],
];

/**
 * A date among `dates` (the offered ones, local "YYYY-MM-DD") from "demain", a weekday name, a day of the month
 * ("12", "le 12"), "12/12" or "2026-12-12". `today` is the point's local date.
 */
export function parseDay(text: string, dates: readonly string[], today: string): string | undefined {
  const f = fold(text);
  if (dates.includes(f)) return f;
  const plus = (n: number) => dates.find((d) => daysBetween(today, d) === n);
  if (AFTER_TOMORROW.some((w) => f.includes(fold(w)))) return plus(2);
  if (TOMORROW.some((w) => f === fold(w) || f.split(' ').includes(fold(w)))) return plus(1);
  const weekday = WEEKDAY_WORDS.findIndex((words) => words.some((w) => f.split(' ').includes(fold(w))));
  if (weekday >= 0) return dates.find((d) => isoWeekdayOf(d) === weekday + 1);
  const dm = /^(?:le |the )?(\d{1,2})(?:\s*[/.-]\s*(\d{1,2}))?$/.exec(f);
  if (dm) {
    const day = Number(dm[1]);
    const month = dm[2] ? Number(dm[2]) : undefined;
    return dates.find((d) => Number(d.slice(8, 10)) === day && (month === undefined || Number(d.slice(5, 7)) === month));
  }
  return undefined;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A time among `times` ("HH:MM") from "10h", "10h30", "10:30", "à 9h", "9". */
export function parseTime(text: string, times: readonly string[]): string | undefined {
  const f = fold(text);
  const m = /(?:^|\s)(\d{1,2})\s*(?:h|:|heures?|heure|hours?|am|الساعة)?\s*(\d{2})?(?:\s*(?:h|min))?$/.exec(f) ?? /^(?:a |at |الساعة )?(\d{1,2})(?::(\d{2}))?$/.exec(f);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (hour > 23 || minute > 59) return undefined;
  const wanted = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  if (times.includes(wanted)) return wanted;
  // "2" or "3h" in the afternoon: people often say 3 for 15:00.
  const pm = `${String(hour + 12).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return hour < 8 && times.includes(pm) ? pm : undefined;
}

/** A first name: letters (any script), spaces, apostrophes or hyphens, 1 to 40 characters. */
export function parseFirstName(text: string): string | undefined {
  const name = text.trim().replace(/\s+/g, ' ');
  if (name.length < 1 || name.length > 40) return undefined;
  return /^[\p{L}\p{M}][\p{L}\p{M}' -]*$/u.test(name) ? name : undefined;
}

const NATIONALITY_WORDS: Readonly<Record<(typeof COMMON_NATIONALITIES)[number], readonly string[]>> = {
  CI: ['cote d ivoire', 'cote divoire', 'ivoirien', 'ivoirienne', 'ivory coast', 'ivorian', 'rci', 'ساحل العاج', 'كوت ديفوار', 'ivoire'],
  SN: ['senegal', 'senegalais', 'senegalaise', 'senegalese', 'السنغال', 'سنغالي'],
  GN: ['guinee', 'guinea', 'guineen', 'guineenne', 'guinean', 'guinee conakry', 'غينيا', 'غيني'],
  ML: ['mali', 'malien', 'malienne', 'malian', 'مالي'],
  CM: ['cameroun', 'cameroon', 'camerounais', 'camerounaise', 'cameroonian', 'الكاميرون', 'كاميروني'],
  BF: ['burkina', 'burkina faso', 'burkinabe', 'بوركينا فاسو', 'بوركينا'],
};
const OTHER_WORDS = new Set(['autre', 'other', 'autre pays', 'other country', 'اخرى', 'بلد اخر', 'اخر']);

/** A nationality from a country name or demonym; any other country's name is `other`. */
export function parseNationality(text: string): NationalityAnswer | undefined {
  const f = fold(text);
  if (f.length < 2 || /\d/.test(f)) return undefined;
  if (OTHER_WORDS.has(f)) return 'other';
  for (const code of COMMON_NATIONALITIES) if (NATIONALITY_WORDS[code].some((w) => f === fold(w) || f.includes(fold(w)))) return code;
  return /^[\p{L}\p{M}' -]+$/u.test(f) ? 'other' : undefined;
}

/** How many people (0 to 20) from digits. */
export function parseCount(text: string): number | undefined {
  const f = fold(text);
  if (!/^\d{1,2}$/.test(f)) return undefined;
  const n = Number(f);
  return n <= 20 ? n : undefined;
}

/** Passport, another identity document, or none. */
export function parseDocument(text: string): PreRegistration['document'] {
  const f = fold(text);
  if (/passe?port|جواز|باسبور|paspor/.test(f)) return 'passport';
  if (/carte|card|\bid\b|identit|consul|بطاقة|هوية|وثيقة|لاكارط/.test(f)) return 'other_id';
  if (/^(rien|aucun|aucune|none|nothing|non|no|لا|لا شيء|walo|والو)$/.test(f)) return 'none';
  return undefined;
}
