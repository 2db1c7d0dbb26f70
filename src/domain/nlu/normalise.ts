import { ARABIC_UNIT, ARABIZI_DIGIT, LATIN_LETTER, LATIN_OR_DIGIT, scanWords } from './wordScan.js';

/**
 * SMS spellings and abbreviations people type on WhatsApp, mapped to the full words the content
 * uses. Keys are already lowercase and accent-free; values may hold several words. One table for all
 * languages: entries are chosen so they do not clash (`c` is French, `u` is English). No prototype: a word such
 * as "constructor" must find nothing here (it used to find Object's constructor and make `tokenise` throw).
 */
export const SMS_EXPANSIONS: Readonly<Record<string, string>> = Object.assign(Object.create(null) as Record<string, string>, {
  // French
  slt: 'salut',
  sltt: 'salut',
  bjr: 'bonjour',
  bjour: 'bonjour',
  bsr: 'bonsoir',
  stp: 's il te plait',
  svp: 's il vous plait',
  pk: 'pourquoi',
  pq: 'pourquoi',
  pkoi: 'pourquoi',
  pourkoi: 'pourquoi',
  c: 'c est',
  koi: 'quoi',
  kwa: 'quoi',
  jveux: 'je veux',
  jvx: 'je veux',
  jve: 'je veux',
  jv: 'je vais',
  jvais: 'je vais',
  jpeux: 'je peux',
  jpx: 'je peux',
  jsuis: 'je suis',
  chui: 'je suis',
  jsp: 'je sais pas',
  jai: 'j ai',
  g: 'j ai',
  bcp: 'beaucoup',
  mrc: 'merci',
  mrci: 'merci',
  mci: 'merci',
  tkt: 't inquiete',
  rdv: 'rendez vous',
  rdz: 'rendez vous',
  qd: 'quand',
  kan: 'quand',
  kand: 'quand',
  tjr: 'toujours',
  tjrs: 'toujours',
  dc: 'donc',
  ds: 'dans',
  pr: 'pour',
  pa: 'pas',
  ki: 'qui',
  ke: 'que',
  kel: 'quel',
  kelle: 'quelle',
  keske: 'qu est ce que',
  kesk: 'qu est ce que',
  cmt: 'comment',
  cmnt: 'comment',
  cb: 'combien',
  cbn: 'combien',
  qqn: 'quelqu un',
  qq: 'quelque',
  qlq: 'quelque',
  tt: 'tout',
  nn: 'non',
  fo: 'faut',
  ya: 'il y a',
  b1: 'bien',
  '2main': 'demain',
  oqp: 'occupe',
  dispo: 'disponible',
  pb: 'probleme',
  pbm: 'probleme',
  infos: 'information',
  // Elided article or pronoun glued to the word it belongs to ("loim", "dasile", "sinscrire").
  loim: 'l oim',
  dasile: 'd asile',
  lasile: 'l asile',
  sinscrire: 's inscrire',
  sinscrir: 's inscrire',
  sinscri: 's inscrire',
  minscrire: 'm inscrire',
  minscrir: 'm inscrire',
  minscri: 'm inscrire',
  linscription: 'l inscription',
  info: 'information',
  // French written as it sounds (voice-note habits, little schooling): the content's words they stand for.
  avek: 'avec',
  avk: 'avec',
  fame: 'femme',
  zanfan: 'enfants',
  zenfan: 'enfants',
  zanfant: 'enfants',
  zenfant: 'enfants',
  anfan: 'enfant',
  larjan: 'l argent',
  larjen: 'l argent',
  larjent: 'l argent',
  larzan: 'l argent',
  pei: 'pays',
  peyi: 'pays',
  suprim: 'supprimer',
  suprime: 'supprimer',
  suprimer: 'supprimer',
  malad: 'malade',
  maladi: 'maladie',
  komen: 'comment',
  koman: 'comment',
  kombien: 'combien',
  konbien: 'combien',
  depar: 'depart',
  travay: 'travail',
  gratui: 'gratuit',
  rantrer: 'rentrer',
  // English
  u: 'you',
  ur: 'your',
  r: 'are',
  pls: 'please',
  plz: 'please',
  plzz: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  tnx: 'thanks',
  ty: 'thank you',
  wat: 'what',
  wht: 'what',
  hw: 'how',
  cn: 'can',
  im: 'i am',
  cant: 'can not',
  wanna: 'want to',
  gonna: 'going to',
  '2day': 'today',
  b4: 'before',
  appt: 'appointment',
  govt: 'government',
  // English written as it sounds, and Nigerian Pidgin spellings.
  pregnent: 'pregnant',
  pregnat: 'pregnant',
  travl: 'travel',
  trvl: 'travel',
  wit: 'with',
  plen: 'plane',
  befor: 'before',
  lng: 'long',
  pikin: 'child',
});

// Local copies of the scan's flags, read for every word: under tsx (the CLIs, the tests, the benchmarks) an imported
// binding is read through two getters per use, which showed in profiles of long messages. Same values when built.
const ARABIC_AND_LATIN = ARABIC_UNIT | LATIN_OR_DIGIT;
const ARABIZI_WORD = LATIN_LETTER | ARABIZI_DIGIT;
const scan = scanWords;
/**
 * {@link SMS_EXPANSIONS} as a map to the words: looking a word up in an object keyed by strings made V8 intern the
 * word first (a third of the time `tokenise` took on a long message); a map only hashes it. No entry but these.
 */
const SMS_WORDS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(SMS_EXPANSIONS).map(([word, full]) => [word, full.split(' ')]));

const ARABIC_INDIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** Any Arabic-script or Arabic-Indic character (the Arabic-only passes of `tokenise` are skipped without one). */
const ANY_ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Plain ASCII: nothing for NFD to split. */
const ASCII_ONLY = /^[\x00-\x7F]*$/;
/** Letters that arabizi writes with digits: 2 = ء, 3 = ع, 5 = خ, 7 = ح, 8 = غ, 9 = ق. */
const ARABIZI_DIGITS: Readonly<Record<string, string>> = { '2': 'a', '3': 'a', '5': 'kh', '7': 'h', '8': 'gh', '9': 'q' };

/**
 * Canonical form of a message for matching, the same for content examples and for what users type:
 * lowercase; Latin accents and Arabic diacritics (harakat, tatweel) removed; Arabic letter variants
 * unified (أ إ آ ٱ → ا, ة → ه, ى → ي, ؤ → و, ئ → ي); Arabic-Indic digits → 0-9; letters repeated three
 * times or more collapsed ("merciii" → "merci"); punctuation and emoji → spaces; SMS spellings
 * expanded ({@link SMS_EXPANSIONS}), less the words typed beside them ("il ya" → "il y a"); arabizi digits
 * inside Latin words turned into letters ("3afak" → "aafak", "ch7al" → "chhal"). Returns words separated by single
 * spaces.
 */
export function normalise(text: string): string {
  return tokenise(text).join(' ');
}

/**
 * The words of {@link normalise}, as an array.
 * @param expandSms expand {@link SMS_EXPANSIONS}, default true (language detection turns it off, so
 *   "ya" or "c" add no French words to a Darija message).
 */
export function tokenise(text: string, expandSms = true): string[] {
  // One message is tokenised by the safety detector, the spelling repair, the language detector and the language
  // request reader in turn: the last few results are kept (a copy is returned, callers may change theirs).
  const slots = expandSms ? RECENT_EXPANDED : RECENT_PLAIN;
  for (const slot of slots) if (slot.text === text) return slot.tokens.slice();
  const tokens = tokeniseAnew(text, expandSms);
  slots.unshift({ text, tokens });
  if (slots.length > RECENT_TOKENISED) slots.pop();
  return tokens.slice();
}

/** How many recent texts {@link tokenise} remembers per setting: a message, its repaired text, its question part. */
const RECENT_TOKENISED = 3;
const RECENT_EXPANDED: Array<{ readonly text: string; readonly tokens: readonly string[] }> = [];
const RECENT_PLAIN: Array<{ readonly text: string; readonly tokens: readonly string[] }> = [];

function tokeniseAnew(text: string, expandSms: boolean): string[] {
  // Most messages are plain ASCII or carry no Arabic: the passes below that could change nothing are skipped.
  let base = text.toLowerCase();
  if (ANY_ARABIC.test(base)) base = base.replace(ARABIC_INDIC_DIGITS, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90 % 10));
  // NFD splits Latin accents and the hamza/madda of أ إ آ ؤ ئ into combining marks, removed by the scan below
  // together with the harakat (all are Unicode category M).
  if (!ASCII_ONLY.test(base)) base = base.normalize('NFD');
  const out: string[] = [];
  const words: string[] = [];
  const flags: number[] = [];
  scan(base, words, flags);
  for (let w = 0; w < words.length; w++) {
    const raw = words[w]!;
    const f = flags[w]!;
    // Arabic script glued to Latin or digits ("ok شكرا", "3ندي") is split so each part is a word.
    const parts = (f & ARABIC_AND_LATIN) === ARABIC_AND_LATIN
      ? raw.split(/(?<=[\u0600-\u06FF])(?=[^\u0600-\u06FF])|(?<=[^\u0600-\u06FF])(?=[\u0600-\u06FF])/)
      : null;
    if (parts === null) {
      const expanded = expandSms ? SMS_WORDS.get(raw) : undefined;
      if (expanded !== undefined) pushExpansion(out, expanded, words, w + 1);
      // Only a word with a Latin letter and an arabizi digit can change (dearabizi's own first test).
      else out.push((f & ARABIZI_WORD) === ARABIZI_WORD ? dearabizi(raw) : raw);
      continue;
    }
    for (let p = 0; p < parts.length; p++) {
      const word = parts[p]!;
      const expanded = expandSms ? SMS_WORDS.get(word) : undefined;
      if (expanded !== undefined) {
        pushExpansion(out, expanded, parts, p + 1);
        continue;
      }
      out.push(dearabizi(word));
    }
  }
  return out;
}

/**
 * Pushes an SMS expansion's words less those the sender typed beside it: "c'est" is the SMS "c" then "est", so it reads
 * "c est", not "c est est"; "il ya" reads "il y a", not "il il y a". The expansion's last words are dropped where the
 * next words are the same, then its first words where the last words out are (in that order, so "vitamine c c'est"
 * keeps both c). One word of it is always kept. A one-letter next word is a word of its own, not the expansion's end:
 * "ya a manger" is "il y a à manger".
 */
function pushExpansion(out: string[], expanded: readonly string[], words: readonly string[], next: number): void {
  let end = expanded.length;
  if (words[next]?.length !== 1) {
    for (let m = expanded.length - 1; m > 0; m--) {
      if (typedAt(words, next, expanded, expanded.length - m, m)) {
        end = expanded.length - m;
        break;
      }
    }
  }
  let start = 0;
  for (let k = end - 1; k > 0; k--) {
    if (typedAt(out, out.length - k, expanded, 0, k)) {
      start = k;
      break;
    }
  }
  for (let i = start; i < end; i++) out.push(expanded[i]!);
}

/** Whether `words` from `at` hold the `count` words of `expanded` from `from`. */
function typedAt(words: readonly string[], at: number, expanded: readonly string[], from: number, count: number): boolean {
  if (at < 0 || at + count > words.length) return false;
  for (let i = 0; i < count; i++) if (words[at + i] !== expanded[from + i]) return false;
  return true;
}

/** Digits used as letters inside a Latin word ("m3a", "7na", "n9der") become letters; numbers stay. */
function dearabizi(word: string): string {
  if (!/[a-z]/.test(word) || !/[235789]/.test(word)) return word;
  // "covid19", "2024x": a digit run of two or more is a number, not arabizi.
  if (/\d{2,}/.test(word)) return word;
  // "3afak" and "afak", "3ndi" and "andi" must meet: ع written 3 becomes a, and aa collapses.
  return word.replace(/[235789]/g, (d) => ARABIZI_DIGITS[d] ?? d).replace(/a{2,}/g, 'a');
}
