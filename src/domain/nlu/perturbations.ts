import type { Language } from '../../i18n/languages.js';
import { KEYBOARD_NEIGHBOURS } from './keyboardNeighbours.js';

/**
 * Realistic ways people mistype a message on a phone, one at a time, to measure how much the understander
 * depends on clean spelling (`npm run nlu:eval -- FILE --perturb`). Each perturbation is deterministic: the
 * random choices are seeded by the text itself, so two runs give the same figures and a test can pin a case.
 * None of them is fitted to an evaluation set: they are the habits of WhatsApp writing, applied to any line.
 */

/** One perturbation: its name, what it does, and the transform (which returns the text unchanged when it does not apply). */
export interface Perturbation {
  readonly name: string;
  readonly description: string;
  /** @param lang the message's labelled language: some habits belong to one language's writers (arabizi to Darija's). */
  readonly apply: (text: string, lang?: Language) => string;
}

/** A small seeded generator (mulberry32) so the same text is always perturbed the same way. */
function seededRandom(text: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces each word by `change(word, random)`; words are runs of letters, digits and apostrophes. */
function mapWords(text: string, change: (word: string, random: () => number) => string): string {
  const random = seededRandom(text);
  return text.replace(/[\p{L}\p{N}'’]+/gu, (word) => change(word, random));
}

/** How many places a message of `count` candidates gets a slip in: one, and one more per ten words (a phone typist's rate). */
const slips = (count: number): number => Math.min(count, 1 + Math.floor(count / 10));

/** Picks `k` distinct indices below `count`. */
function pickIndices(count: number, k: number, random: () => number): ReadonlySet<number> {
  const picked = new Set<number>();
  while (picked.size < k) picked.add(Math.floor(random() * count));
  return picked;
}

/** One letter (not the first) of a word of 5 letters or more replaced by a neighbouring key, in {@link slips} words. */
function neighbourTypos(text: string): string {
  const long = [...text.matchAll(/[\p{L}]{5,}/gu)].length;
  if (long === 0) return text;
  const random = seededRandom(text);
  const picked = pickIndices(long, slips(long), random);
  let index = -1;
  return text.replace(/[\p{L}]{5,}/gu, (word) => {
    if (!picked.has(++index)) return word;
    const letters = [...word];
    const at = 1 + Math.floor(random() * (letters.length - 1));
    const original = letters[at]!;
    const near = KEYBOARD_NEIGHBOURS.get(original.toLowerCase());
    if (!near?.length) return word;
    const replacement = near[Math.floor(random() * near.length)]!;
    letters[at] = original === original.toLowerCase() ? replacement : replacement.toUpperCase();
    return letters.join('');
  });
}

/** SMS forms of whole words, as typed on WhatsApp (several are not in the normaliser's table, on purpose). */
const SMS_FORMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bs'il (?:te|vous) pla[iî]t\b/giu, 'stp'],
  [/\bqu'est-ce que\b/giu, 'keske'],
  [/\bc'est\b/giu, 'c'],
  [/\bje suis\b/giu, 'jsuis'],
  [/\bje veux\b/giu, 'jveux'],
  [/\bj'ai\b/giu, 'g'],
  [/\brendez-vous\b/giu, 'rdv'],
  [/\bpourquoi\b/giu, 'pk'],
  [/\bquoi\b/giu, 'koi'],
  [/\bcomment\b/giu, 'cmt'],
  [/\bcombien\b/giu, 'cb'],
  [/\bbeaucoup\b/giu, 'bcp'],
  [/\bquelqu'un\b/giu, 'qqn'],
  [/\btoujours\b/giu, 'tjrs'],
  [/\bquand\b/giu, 'qd'],
  [/\bdans\b/giu, 'ds'],
  [/\bpour\b/giu, 'pr'],
  [/\bquel(le)?\b/giu, 'kel'],
  [/\bque\b/giu, 'ke'],
  [/\bqui\b/giu, 'ki'],
  [/\bmerci\b/giu, 'mrc'],
  [/\bbonjour\b/giu, 'bjr'],
  [/\bplease\b/giu, 'pls'],
  [/\byou\b/giu, 'u'],
  [/\byour\b/giu, 'ur'],
  [/\bare\b/giu, 'r'],
  [/\bwhat\b/giu, 'wat'],
  [/\bthanks\b/giu, 'thx'],
  [/\bbecause\b/giu, 'bcoz'],
  [/\bpeople\b/giu, 'ppl'],
  [/\bbefore\b/giu, 'b4'],
  [/\btoday\b/giu, '2day'],
  [/\bknow\b/giu, 'kno'],
  [/\bwith\b/giu, 'wit'],
  [/\bthe\b/giu, 'da'],
  [/\bhow\b/giu, 'hw'],
  [/\bI am\b/gu, 'im'],
  [/\bI'm\b/giu, 'im'],
];

/** Latin-script Darija written with other arabizi habits: digits become letters, or letters digits. */
function arabiziSwap(text: string, lang?: Language): string {
  if (lang !== 'ar' || !/[a-z]/i.test(text) || /[\u0600-\u06FF]/.test(text)) return text;
  if (/[a-z][2-9]|[2-9][a-z]/i.test(text)) {
    // "3afak" → "afak", "ch7al" → "chhal", "n9der" → "nqder", "5oya" → "khoya": the digits some writers never use.
    return text.replace(/(?<=[a-z])[235789]|[235789](?=[a-z])/gi, (d) => ({ '2': '', '3': '', '5': 'kh', '7': 'h', '8': 'gh', '9': 'q' })[d] ?? d);
  }
  // "khoya" → "5oya", "nqder" → "n9der", "lghorba" → "l8orba", "hna" (at a word's start) → "7na".
  return text.replace(/kh/gi, '5').replace(/q/gi, '9').replace(/gh/gi, '8').replace(/\bh(?=[a-z])/gi, '7');
}

/** The perturbations, in the order they are reported. */
export const PERTURBATIONS: readonly Perturbation[] = [
  { name: 'no-accents', description: 'Latin accents stripped (é → e, ç → c)', apply: (t) => t.normalize('NFD').replace(/(?<=[A-Za-z])[\u0300-\u036f]+/g, '').normalize('NFC') },
  { name: 'capitals', description: 'all in capitals', apply: (t) => t.toUpperCase() },
  { name: 'no-apostrophes', description: "apostrophes dropped (j'ai → jai, don't → dont)", apply: (t) => t.replace(/['’]/g, '') },
  {
    name: 'doubled-letters',
    description: 'last letter of some words repeated ("plzzz", "merciii")',
    apply: (t) => {
      let first = true;
      return mapWords(t, (word, random) => {
        const pick = /\p{L}$/u.test(word) && word.length >= 3 && (first || random() < 0.3);
        if (pick) first = false;
        return pick ? word + word.slice(-1).repeat(2 + Math.floor(random() * 2)) : word;
      });
    },
  },
  { name: 'key-typos', description: 'a letter replaced by a neighbouring key in one long word, one more per ten', apply: neighbourTypos },
  {
    name: 'sms',
    description: 'SMS forms (pourquoi → pk, you → u, c\'est → c, because → bcoz)',
    apply: (t) => SMS_FORMS.reduce((text, [pattern, form]) => text.replace(pattern, (m) => (m === m.toUpperCase() && m.length > 1 ? form.toUpperCase() : form)), t),
  },
  { name: 'arabizi-swap', description: 'Darija in Latin letters: arabizi digits written as letters, or letters as digits (3afak ↔ afak, khoya → 5oya)', apply: arabiziSwap },
  {
    name: 'no-spaces',
    description: 'a space missing between two words, one more per ten words ("jeveux rentrer")',
    apply: (t) => {
      const spaces = [...t.matchAll(/(?<=[\p{L}\p{N}]) (?=[\p{L}\p{N}])/gu)].length;
      if (spaces === 0) return t;
      const picked = pickIndices(spaces, slips(spaces), seededRandom(t));
      let index = -1;
      return t.replace(/(?<=[\p{L}\p{N}]) (?=[\p{L}\p{N}])/gu, () => (picked.has(++index) ? '' : ' '));
    },
  },
];

/** Every perturbation of `text` (written in `lang`), by name (the text itself when one does not apply). */
export function perturbAll(text: string, lang?: Language): Record<string, string> {
  return Object.fromEntries(PERTURBATIONS.map((p) => [p.name, p.apply(text, lang)]));
}
