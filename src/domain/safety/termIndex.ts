// The safety content compiled for lookup: every phrase, list word, ignored phrase, turn and frame parsed once, and for a
// message word the terms whose first word may fit it. Split from safetyDetector.ts (which reads messages with it).
import type { Language } from '../../i18n/languages.js';
import type { SafetyContent } from './safetyContent.js';
import { parseTerm, type WordPattern } from './termPattern.js';
import { withoutArabicPrefix, type CompiledTerm } from './termMatching.js';
import { nearWords, variantKeys } from './wordVariants.js';

/** Words whose forms the detector keeps between messages (about 200 bytes each). */
const WORD_CACHE_SIZE = 20_000;

/** What the detector knows of one word: its other forms and the terms whose first word may fit it. */
export interface WordForms {
  /** Without a glued Arabic prefix, or '' ({@link withoutArabicPrefix}). */
  readonly bare: string;
  readonly keys: readonly string[];
  readonly near: readonly string[];
  readonly candidates: readonly CompiledTerm[];
}

/** The compiled terms of the safety content, looked up by a message's words. */
export interface TermIndex {
  /** Every whole word of a term: where words glued without spaces are cut ({@link splitGlued}). */
  readonly lexicon: ReadonlySet<string>;
  /** The forms of `token` and the terms whose first word may fit it (kept for the next messages). */
  formsOf(token: string): WordForms;
}

/**
 * Compiles the safety content. Every language's lists are merged by name, so a message mixing languages (Darija with
 * French words, Pidgin) is read with all of them; a term listed in several places is one term with several owners
 * (`p:<category>`, `w:<list>`, `ignore`, `turn`, `frame`).
 */
export function compileTermIndex(content: SafetyContent): TermIndex {
  const byOwnerAndWords = new Map<string, Set<string>>();
  const langsOf = new Map<string, Set<Language>>();
  const add = (owner: string, term: string, lang: Language): void => {
    const parsed = parseTerm(term);
    if (parsed.problem) return; // the loader refuses such content; a detector built by hand just skips it
    const key = JSON.stringify(parsed.words);
    let owners = byOwnerAndWords.get(key);
    if (!owners) byOwnerAndWords.set(key, (owners = new Set()));
    owners.add(owner);
    if (!langsOf.has(key)) langsOf.set(key, new Set());
    langsOf.get(key)!.add(lang);
  };
  for (const language of content.languages) {
    for (const [category, phrases] of Object.entries(language.phrases)) for (const p of phrases ?? []) add(`p:${category}`, p, language.lang);
    for (const [name, words] of Object.entries(language.words)) for (const w of words) add(`w:${name}`, w, language.lang);
    for (const p of language.ignore) add('ignore', p, language.lang);
    for (const p of language.turn ?? []) add('turn', p, language.lang);
    for (const p of language.frame ?? []) add('frame', p, language.lang);
  }
  const exactFirst = new Map<string, CompiledTerm[]>();
  const stemFirst = new Map<string, CompiledTerm[]>();
  // Terms whose first word is `word*` or `*word`, by that word: a message word finds them through its own prefixes
  // and suffixes (of the lengths listed), not by trying every such term. `*word*` terms are tried on every word.
  const prefixFirst = new Map<string, CompiledTerm[]>();
  const suffixFirst = new Map<string, CompiledTerm[]>();
  const containsFirst: CompiledTerm[] = [];
  const vocabulary = new Set<string>();
  const lexicon = new Set<string>();
  for (const [key, owners] of byOwnerAndWords) {
    const strict = [...owners].every((o) => o === 'ignore' || o === 'frame');
    const words = JSON.parse(key) as WordPattern[];
    const langs = [...(langsOf.get(key) ?? [])];
    // Darija in Latin letters is written in the Arabic file; its skeletons are compared only with its words.
    const keys = words.map((w) => (strict || w.anyStart || w.anyEnd ? [] : variantKeys(w.text, withoutArabicPrefix(w.text), langs.includes('ar'), false)));
    const term: CompiledTerm = { words, owners: [...owners], strict, langs, keys };
    const first = term.words[0]!;
    if (!strict) for (const w of term.words) if (!w.anyStart && !w.anyEnd) vocabulary.add(w.text);
    for (const w of term.words) if (!w.anyStart && !w.anyEnd) lexicon.add(w.text);
    if (first.anyStart && first.anyEnd) containsFirst.push(term);
    else if (first.anyEnd) prefixFirst.set(first.text, [...(prefixFirst.get(first.text) ?? []), term]);
    else if (first.anyStart) suffixFirst.set(first.text, [...(suffixFirst.get(first.text) ?? []), term]);
    else {
      exactFirst.set(first.text, [...(exactFirst.get(first.text) ?? []), term]);
      for (const k of keys[0]!) stemFirst.set(k, [...(stemFirst.get(k) ?? []), term]);
    }
  }
  const near = nearWords(vocabulary);
  const prefixLengths = [...new Set([...prefixFirst.keys()].map((k) => k.length))].sort((a, b) => a - b);
  const suffixLengths = [...new Set([...suffixFirst.keys()].map((k) => k.length))].sort((a, b) => a - b);
  /** Adds the wildcard-first terms whose first word fits `word` ({@link wordFits}) to `into`. */
  const addWildcardTerms = (word: string, into: Set<CompiledTerm>): void => {
    for (const length of prefixLengths) {
      if (length > word.length) break;
      for (const term of prefixFirst.get(word.slice(0, length)) ?? []) into.add(term);
    }
    for (const length of suffixLengths) {
      if (length > word.length) break;
      for (const term of suffixFirst.get(word.slice(word.length - length)) ?? []) into.add(term);
    }
    for (const term of containsFirst) if (word.includes(term.words[0]!.text)) into.add(term);
  };

  // What the detector works out for a word depends on the word alone (its other forms and the terms whose first
  // word may fit it), and messages share most of their words: it is kept for the next messages, up to
  // WORD_CACHE_SIZE words (then started afresh), so a message mostly costs lookups. Rebuilt with the detector.
  const none: readonly CompiledTerm[] = [];
  const wordCache = new Map<string, WordForms>();
  const formsOf = (token: string): WordForms => {
    const known = wordCache.get(token);
    if (known) return known;
    const bare = withoutArabicPrefix(token);
    const keys = variantKeys(token, bare, true, true);
    const nearby = near.near(token);
    // The same term may be reached by several forms of the word: try it once.
    const exact = new Set<CompiledTerm>(exactFirst.get(token) ?? none);
    for (const term of bare ? (exactFirst.get(bare) ?? none) : none) exact.add(term);
    for (const k of keys) for (const term of stemFirst.get(k) ?? none) exact.add(term);
    for (const w of nearby) for (const term of exactFirst.get(w) ?? none) exact.add(term);
    addWildcardTerms(token, exact);
    if (bare) addWildcardTerms(bare, exact);
    const forms: WordForms = { bare, keys, near: nearby, candidates: [...exact] };
    if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear();
    wordCache.set(token, forms);
    return forms;
  };
  return { lexicon, formsOf };
}
