import { tokenise } from '../nlu/normalise.js';

/** English negative contractions, as {@link tokenise} leaves them ("won't" → "won t") or typed without the apostrophe. */
const CONTRACTIONS: Readonly<Record<string, readonly string[]>> = {
  don: ['do', 'not'], dont: ['do', 'not'], doesn: ['does', 'not'], doesnt: ['does', 'not'], didn: ['did', 'not'], didnt: ['did', 'not'],
  won: ['will', 'not'], wont: ['will', 'not'], isn: ['is', 'not'], isnt: ['is', 'not'], aren: ['are', 'not'], arent: ['are', 'not'],
  wasn: ['was', 'not'], wasnt: ['was', 'not'], weren: ['were', 'not'], couldn: ['could', 'not'], couldnt: ['could', 'not'],
  wouldn: ['would', 'not'], wouldnt: ['would', 'not'], haven: ['have', 'not'], havent: ['have', 'not'], hasn: ['has', 'not'],
  can: ['can', 'not'],
};

/**
 * {@link CONTRACTIONS} as a map: looking every word up in an object keyed by strings made V8 intern the word first,
 * which showed in profiles of long messages; a map only hashes it.
 */
const CONTRACTION_WORDS: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(CONTRACTIONS));

/**
 * French "ne" / "n'", which spoken and typed French mostly drops ("il respire plus", "je veux plus vivre"):
 * the negation is carried by "pas", "plus", "rien", so the detector reads every message without it.
 */
const FRENCH_NE = new Set(['ne', 'n']);

/** A Darija word glued to its negation "ma" (Latin or Arabic letters) and ending in the "ch" / "ش" that closes it. */
const DARIJA_GLUED_NEGATION = /^(ma|ما)((?:[a-z]{3,}(?:ch|sh))|(?:[\u0600-\u06FF]{3,}ش))$/;

/**
 * The words the safety detector reads: {@link tokenise} (shared with the matcher), then English negative
 * contractions spelt out ("won t", "wont" → "will not"), so "he won't wake up" and "he will not wake up" meet,
 * without the French "ne" ({@link FRENCH_NE}), so "il ne respire plus" and "il respire plus" meet, and with
 * Darija's glued negation split ("makayjawbch" → "ma kayjawbch").
 */
export function safetyTokens(text: string): string[] {
  const tokens = tokeniseText(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (FRENCH_NE.has(token)) continue;
    // Darija's negation "ma…ch" is written glued or apart ("mab9atch", "ma b9atch"; "مابقاش", "ما بقاش"): apart.
    // The expression is run only on the words that can fit it (most words of a long message cannot).
    const glued = mayBeGluedNegation(token) ? DARIJA_GLUED_NEGATION.exec(token) : null;
    if (glued) {
      out.push(glued[1]!, glued[2]!);
      continue;
    }
    const expanded = CONTRACTION_WORDS.get(token);
    const apostrophe = tokens[i + 1] === 't';
    if (expanded && (apostrophe || !token.endsWith('n'))) {
      out.push(...expanded);
      if (apostrophe) i++;
    } else out.push(token);
  }
  return out;
}

/** Whether `token` starts and ends as {@link DARIJA_GLUED_NEGATION} needs: a cheap test before the expression. */
function mayBeGluedNegation(token: string): boolean {
  return (token.startsWith('ma') || token.startsWith('ما')) && (token.endsWith('ch') || token.endsWith('sh') || token.endsWith('ش'));
}

// A local copy of the import read for every text: under tsx (the CLIs, the tests, the benchmarks) an imported binding
// is read through two getters per use. The same function in built code.
const tokeniseText = tokenise;

/** How one word of a term matches a word of the message. */
export interface WordPattern {
  readonly text: string;
  /** `frapp*`: the message word starts with `text`. */
  readonly anyEnd: boolean;
  /** `*drbou`: the message word ends with `text` (both: contains it). */
  readonly anyStart: boolean;
  /** Up to {@link MAX_GAP} other words may come before this one (`...` in the term). */
  readonly gapBefore: boolean;
}

/** Other words that `...` lets in between two words of a term. */
export const MAX_GAP = 4;

/** Parsed term: its words, or why it cannot match anything. */
export interface ParsedTerm {
  readonly words: readonly WordPattern[];
  readonly problem?: string;
}

/**
 * Parses a safety term ("veut ... tuer", "frapp*", "*drbou*") into word patterns, normalising each
 * word as messages are (accents, case, SMS spellings, arabizi digits), so the file can be written the
 * way people type.
 */
export function parseTerm(term: string): ParsedTerm {
  const words: WordPattern[] = [];
  let gap = false;
  for (const raw of term.trim().split(/\s+/)) {
    if (raw === '...' || raw === '…') {
      if (words.length === 0) return { words, problem: 'cannot start with "..."' };
      gap = true;
      continue;
    }
    const anyStart = raw.startsWith('*');
    const anyEnd = raw.endsWith('*');
    const tokens = safetyTokens(raw.replace(/^\*|\*$/g, ''));
    if (tokens.length === 0) {
      if (raw.replace(/\*/g, '') !== '') continue; // punctuation only: messages lose it too
      return { words, problem: 'has a "*" with no letters' };
    }
    tokens.forEach((text, i) => {
      words.push({ text, anyStart: anyStart && i === 0, anyEnd: anyEnd && i === tokens.length - 1, gapBefore: gap && i === 0 });
    });
    gap = false;
  }
  if (gap) return { words, problem: 'cannot end with "..."' };
  if (words.length === 0) return { words, problem: 'means nothing once normalised (no letters or digits)' };
  // Alone, "fr*" would match too many words; next to another word ("قتلني ال*") the pair is specific enough.
  const wild = words.length === 1 ? words.find((w) => (w.anyStart || w.anyEnd) && w.text.length < 3) : undefined;
  if (wild) return { words, problem: `has a "*" on "${wild.text}", too short (3 letters at least): it would match too many words` };
  return { words };
}

/** Whether `word` (a normalised message word) fits `pattern`. */
export function wordFits(pattern: WordPattern, word: string): boolean {
  if (pattern.anyStart && pattern.anyEnd) return word.includes(pattern.text);
  if (pattern.anyEnd) return word.startsWith(pattern.text);
  if (pattern.anyStart) return word.endsWith(pattern.text);
  return word === pattern.text;
}
