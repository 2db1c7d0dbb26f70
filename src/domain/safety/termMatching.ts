// How the safety detector matches its compiled terms against a message's words, and how its rules combine the
// matches: the word-level pieces of src/domain/safety/safetyDetector.ts, kept apart so each file reads as one idea.
import type { Language } from '../../i18n/languages.js';
import type { SafetyRule } from './safetySchema.js';
import { MAX_GAP, wordFits, type WordPattern } from './termPattern.js';

// Local copies of the imports used on every word: under tsx (the CLIs, the tests, the benchmarks) an imported binding
// is read through two getters per use, which showed in profiles of long messages. The same values in built code.
const fits = wordFits;
const GAP = MAX_GAP;

/** A phrase or list word of the safety content, parsed, with what a match of it counts as. */
export interface CompiledTerm {
  readonly words: readonly WordPattern[];
  /** What a match of this term counts as: `w:<list>`, `p:<category>`, `ignore` or `turn`. */
  readonly owners: readonly string[];
  /** Only `ignore` or `frame`: matched as written, without the spelling tolerance (a typo must never silence an emergency). */
  readonly strict: boolean;
  /** {@link variantKeys} of each whole-word pattern (empty for `*` patterns and strict terms). */
  readonly keys: ReadonlyArray<readonly string[]>;
  /** Languages whose files list this term. */
  readonly langs: readonly Language[];
}

/** Where a term matched: its first and last message word (inclusive). */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/** A message's words and the other forms each may stand for. */
export interface MessageWords {
  readonly tokens: readonly string[];
  /** Without a glued Arabic prefix, or '' ({@link withoutArabicPrefix}). */
  readonly bare: readonly string[];
  /** {@link variantKeys} of each word (with the Darija skeleton). */
  readonly keys: ReadonlyArray<readonly string[]>;
  /** List words one letter away from each word ({@link nearWords}). */
  readonly near: ReadonlyArray<readonly string[]>;
}

/**
 * Prefix counts of the words covered by `occurrences`: element `k` is how many of the first `k` words of a message of
 * `length` words lie inside one of them, so words `a…b` touch one iff `counts[b + 1] - counts[a] > 0`.
 */
export function wordsCoveredUpTo(length: number, occurrences: readonly Occurrence[]): number[] {
  const covered = new Array<boolean>(length).fill(false);
  for (const o of occurrences) for (let at = o.start; at <= o.end && at < length; at++) covered[at] = true;
  const counts = new Array<number>(length + 1).fill(0);
  for (let at = 0; at < length; at++) counts[at + 1] = counts[at]! + (covered[at] ? 1 : 0);
  return counts;
}

/**
 * Arabic glues one-letter words to the next: و (and), ف (so / in, Darija), ب (with), ل (to), so
 * "وخدا" is "and took", "فالصحرا" "in the desert" and "للبحر" "to the sea". Returns the word without that letter (the
 * detector tries both forms), or '' when the word is not such an Arabic word.
 */
export function withoutArabicPrefix(token: string): string {
  if (token.length >= 4 && token.startsWith('لل')) return `ال${token.slice(2)}`; // للبحر: "to the sea"
  // و is also glued to the short words that carry a negation or a question: "ولا يستجيب", "وما كيجاوبش".
  if (token.length === 3 && /^و[\u0600-\u06FF]/.test(token)) return token.slice(1);
  return token.length >= 4 && /^[وفبل][\u0600-\u06FF]/.test(token) ? token.slice(1) : '';
}

/**
 * Whether word `w` of `term` fits message word `i` as written or without its glued Arabic prefix; unless the
 * term is strict, a whole-word pattern also fits a conjugation ({@link variantKeys}) or a word one letter away
 * ({@link nearWords}).
 */
export function fitsAt(term: CompiledTerm, w: number, message: MessageWords, i: number): boolean {
  const pattern = term.words[w]!;
  const token = message.tokens[i]!;
  const bare = message.bare[i]!;
  if (pattern.anyStart || pattern.anyEnd) return fits(pattern, token) || (bare !== '' && fits(pattern, bare));
  // A whole word (never empty): equal to the word or its bare form, else, unless strict, one of its other forms.
  const text = pattern.text;
  if (token === text || (bare === text && bare !== '')) return true;
  if (term.strict) return false;
  const forms = message.keys[i]!;
  const keys = term.keys[w]!;
  for (let k = 0; k < keys.length; k++) if (forms.includes(keys[k]!)) return true;
  return message.near[i]!.includes(text);
}

/** End index (inclusive) of `term` matched at word `start`, or -1. `...` gaps try the shortest first. */
export function matchFrom(term: CompiledTerm, message: MessageWords, start: number): number {
  const words = term.words;
  if (words.length === 1) return fitsAt(term, 0, message, start) ? start : -1;
  // Most terms tried at a word fail on their second word, which mostly follows the first with no gap: it is checked
  // first (the answer is the same, -1, whether the first word fits or not), which halves the checks of a message.
  if (!words[1]!.gapBefore && (start + 1 >= message.tokens.length || !fitsAt(term, 1, message, start + 1))) return -1;
  if (!fitsAt(term, 0, message, start)) return -1;
  return matchRest(term, message, 1, start + 1);
}

/** End index (inclusive) of words `w…` of `term` matched from message word `at` on, or -1 (see {@link matchFrom}). */
export function matchRest(term: CompiledTerm, message: MessageWords, w: number, at: number): number {
  if (w === term.words.length) return at - 1;
  const maxSkip = term.words[w]!.gapBefore ? GAP : 0;
  for (let skip = 0; skip <= maxSkip && at + skip < message.tokens.length; skip++) {
    if (!fitsAt(term, w, message, at + skip)) continue;
    const end = matchRest(term, message, w + 1, at + skip + 1);
    if (end >= 0) return end;
  }
  return -1;
}

/**
 * One word of every `all` list outside a frame (`live`) with their starts at most `within` apart, and no word of
 * an `unless` list (`kept`) in the same part of the message or a later one (`partOf`: parts are separated by the
 * `turn` words). A list named twice in `all` needs two matches that do not overlap ("not answering" and "does
 * not move": two signs of life missing).
 */
export function ruleFires(rule: SafetyRule, live: (owner: string) => Occurrence[], kept: (owner: string) => Occurrence[], partOf: (at: number) => number): boolean {
  const { needs, unless } = ownersOf(rule);
  const lists = needs.map(({ owner, count }) => ({ count, list: live(owner) }));
  if (lists.some(({ count, list }) => list.length < count)) return false;
  // The last part with an `unless` word: only groups starting after it count.
  let cancelledUpTo = -1;
  for (const owner of unless) for (const o of kept(owner)) cancelledUpTo = Math.max(cancelledUpTo, partOf(o.start));
  // Try every occurrence as the leftmost word of the group (occurrences are in message order, by start).
  for (const { list: anchors } of lists) {
    let previous = -1;
    for (const anchor of anchors) {
      if (anchor.start === previous) continue; // the same window as the last anchor
      previous = anchor.start;
      if (partOf(anchor.start) <= cancelledUpTo) continue;
      const from = anchor.start;
      const to = anchor.start + rule.within;
      if (lists.every(({ count, list }) => countInWindow(list, from, to, count) >= count)) return true;
    }
  }
  return false;
}

/** The owners a rule reads: each `all` list once (in order of first mention) with how many it needs, and its `unless` lists. */
interface RuleOwners {
  readonly needs: ReadonlyArray<{ readonly owner: string; readonly count: number }>;
  readonly unless: readonly string[];
}

/**
 * Rules are read on every message: what each needs is worked out once per rule object (content is not changed once
 * loaded; a reload makes new rule objects), not a map and `w:` strings per rule and message.
 */
const RULE_OWNERS = new WeakMap<SafetyRule, RuleOwners>();

/** {@link RuleOwners} of `rule`, from {@link RULE_OWNERS} once worked out. */
export function ownersOf(rule: SafetyRule): RuleOwners {
  let owners = RULE_OWNERS.get(rule);
  if (!owners) {
    const needed = new Map<string, number>();
    for (const name of rule.all) needed.set(name, (needed.get(name) ?? 0) + 1);
    owners = { needs: [...needed].map(([name, count]) => ({ owner: `w:${name}`, count })), unless: rule.unless.map((name) => `w:${name}`) };
    RULE_OWNERS.set(rule, owners);
  }
  return owners;
}

/**
 * How many of `list` (in order of start) start within words `from…to`, counting only matches that do not overlap
 * ({@link separateCount}); stops looking once `needed` is certain for one. Binary search: long messages have many.
 */
export function countInWindow(list: readonly Occurrence[], from: number, to: number, needed: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  if (needed === 1) return lo < list.length && list[lo]!.start <= to ? 1 : 0;
  const inWindow: Occurrence[] = [];
  for (let k = lo; k < list.length && list[k]!.start <= to; k++) inWindow.push(list[k]!);
  return separateCount(inWindow);
}

/** How many of `occurrences` can be taken without two of them overlapping (earliest end first, as many as fit). */
export function separateCount(occurrences: readonly Occurrence[]): number {
  let count = 0;
  let lastEnd = -1;
  for (const o of [...occurrences].sort((a, b) => a.end - b.end)) {
    if (o.start <= lastEnd) continue;
    count++;
    lastEnd = o.end;
  }
  return count;
}
