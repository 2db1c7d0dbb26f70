import type { Language } from '../../i18n/languages.js';
import type { SafetyContent, SafetyReply } from './safetyContent.js';
import { SAFETY_CATEGORIES, type SafetyCategory } from './safetySchema.js';
import { parseTerm, safetyTokens, type WordPattern } from './termPattern.js';
import { matchFrom, ruleFires, withoutArabicPrefix, wordsCoveredUpTo, type CompiledTerm, type MessageWords, type Occurrence } from './termMatching.js';
import { nearWords, variantKeys } from './wordVariants.js';
import { clauseStarts } from './clauseStarts.js';
import { splitGlued } from './gluedWords.js';

/**
 * Characters of a message the detector reads: far more than the matcher (2000), because an emergency
 * told at the end of a long story must not be cut off. Bounded so a pasted document costs bounded time.
 */
export const MAX_SAFETY_TEXT = 8000;

/** Id a firing carries as the acted-on intent (the catalogue's emergency intent). */
export const EMERGENCY_INTENT = 'intent.emergency';

/** Why the detector fired: a phrase of a category, or a rule of `locales/safety.yaml`. No user text. */
export interface SafetyMatch {
  readonly category: SafetyCategory;
  /** `phrase` for a phrase of `<lng>/safety.yaml`, otherwise the rule id (`violence.now`). */
  readonly rule: string;
}

/** A firing of the detector: the situation to act on first, and everything that matched. */
export interface SafetyDetection {
  /** The situation: the first phrase found, else the first rule (in file order) that matched. */
  readonly category: SafetyCategory;
  readonly rule: string;
  /** Every distinct (category, rule) found, the first one first. */
  readonly matches: readonly SafetyMatch[];
  /**
   * The language whose safety words the message uses most, by letters (words listed in one language only count),
   * when one stands out: a better guess than general language detection for short cries in arabizi.
   */
  readonly lang?: Language;
}

/** Recognises emergencies in free text and knows the reply for each language and situation. */
export interface SafetyDetector {
  /** The detection for `text`, or null when nothing in it is an emergency. */
  detect(text: string): SafetyDetection | null;
  /** The emergency reply in `lang` for `category`: the category's text (or the default) and the notice. */
  reply(lang: Language, category: SafetyCategory): string;
  /**
   * Whether the last part of `text` is framed (a film, a joke, the news, last year): the whole message then tells
   * what is not happening now. The rule-based detector knows; a layer behind it skips such messages.
   */
  framed?(text: string): boolean;
}

/** One reading of a message: its detection, and whether its last part is framed. */
interface Analysis {
  readonly detection: SafetyDetection | null;
  readonly framed: boolean;
}

/** Words whose forms the detector keeps between messages (about 200 bytes each). */
const WORD_CACHE_SIZE = 20_000;

/** What the detector knows of one word: its other forms and the terms whose first word may fit it. */
interface WordForms {
  /** Without a glued Arabic prefix, or '' ({@link withoutArabicPrefix}). */
  readonly bare: string;
  readonly keys: readonly string[];
  readonly near: readonly string[];
  readonly candidates: readonly CompiledTerm[];
}

/**
 * Builds the detector from the safety content. Every language's lists are merged by name, so a message
 * mixing languages (Darija with French words, Pidgin) is read with all of them. A message is normalised
 * like the matcher's input ({@link safetyTokens}); phrases fire on their own, rules fire when one word of each
 * of their lists sits within `within` words (their `unless` lists, anywhere in the message, cancel
 * them), words inside an `ignore` phrase count for nothing, and a word inside a longer match that fires
 * alone for another situation counts only as part of it ("heart attack" is medical, not an attack). Token comparisons only: time is linear
 * in the message length times the number of terms, with no regular expression built from content.
 */
export function createSafetyDetector(content: SafetyContent): SafetyDetector {
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
  const lexicon = new Set<string>(); // every whole word of a term: where words glued without spaces are cut
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
  const replies = new Map<Language, SafetyReply>(content.languages.map((l) => [l.lang, l.reply]));
  const rules = content.rules;
  const unlessLists = [...new Set(rules.flatMap((rule) => rule.unless))];
  // What each match can mean: the categories of the rules using its list (or its phrase's category), and
  // whether it can fire alone (a phrase, or the only list of a rule).
  const categoriesOf = new Map<string, Set<SafetyCategory>>();
  const solo = new Set<string>();
  for (const category of SAFETY_CATEGORIES) categoriesOf.set(`p:${category}`, new Set([category]));
  for (const category of SAFETY_CATEGORIES) solo.add(`p:${category}`);
  for (const rule of rules) {
    for (const name of rule.all) {
      const owner = `w:${name}`;
      if (!categoriesOf.has(owner)) categoriesOf.set(owner, new Set());
      categoriesOf.get(owner)!.add(rule.category);
    }
    if (rule.all.length === 1) solo.add(`w:${rule.all[0]}`);
  }
  const unrelated = (a: string, b: string): boolean => {
    const other = categoriesOf.get(b) ?? new Set();
    return ![...(categoriesOf.get(a) ?? [])].some((category) => other.has(category));
  };

  // What the detector works out for a word depends on the word alone (its other forms and the terms whose first
  // word may fit it), and messages share most of their words: it is kept for the next messages, up to
  // WORD_CACHE_SIZE words (then started afresh), so a message mostly costs lookups. Rebuilt with the detector.
  const none: readonly CompiledTerm[] = [];
  const wordCache = new Map<string, WordForms>();
  const formsOfWord = (token: string): WordForms => {
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

  const analyse = (text: string): Analysis => {
    const tokens = splitGlued(safetyTokens(text.slice(0, MAX_SAFETY_TEXT)), lexicon);
    if (tokens.length === 0) return { detection: null, framed: false };
    const forms = tokens.map(formsOfWord);
    const message: MessageWords = { tokens, bare: forms.map((f) => f.bare), keys: forms.map((f) => f.keys), near: forms.map((f) => f.near) };
    const found = new Map<string, Occurrence[]>();
    const ignored: Occurrence[] = [];
    const turns: number[] = [];
    const frames: Occurrence[] = [];
    const votes = new Map<Language, number>();
    // Defined once per message, not per word: a closure per word is measurable on long messages.
    const tryTerm = (term: CompiledTerm, i: number): void => {
      const end = matchFrom(term, message, i);
      if (end < 0) return;
      const only = term.langs.length === 1 ? term.langs[0] : undefined;
      // Longer words say more about the language than "ma" or "me".
      if (only && term.owners.some((o) => o.startsWith('p:') || o.startsWith('w:'))) votes.set(only, (votes.get(only) ?? 0) + term.words.reduce((n, w) => n + w.text.length, 0));
      for (const owner of term.owners) {
        if (owner === 'ignore') ignored.push({ start: i, end });
        else if (owner === 'turn') turns.push(i);
        else if (owner === 'frame') frames.push({ start: i, end });
        else {
          const list = found.get(owner);
          if (list) list.push({ start: i, end });
          else found.set(owner, [{ start: i, end }]);
        }
      }
    };
    for (let i = 0; i < tokens.length; i++) {
      for (const term of forms[i]!.candidates) tryTerm(term, i);
    }
    // A word inside a longer match that fires alone for another situation is read as part of it:
    // "heart attack" is medical, not an attack.
    // Long messages have hundreds of matches: the longer matches are found by the word they cover, and the words
    // inside an ignored phrase are counted up front, so these checks stay linear in the message length.
    const longerAt: Array<Array<Occurrence & { owner: string }>> = tokens.map(() => []);
    for (const [owner, list] of found) {
      if (!solo.has(owner)) continue;
      for (const o of list) if (o.end > o.start) for (let at = o.start; at <= o.end; at++) longerAt[at]!.push({ ...o, owner });
    }
    const absorbed = (o: Occurrence, owner: string): boolean =>
      longerAt[o.start]!.some((l) => l.owner !== owner && o.end <= l.end && l.end - l.start > o.end - o.start && unrelated(owner, l.owner));
    const ignoredUpTo = wordsCoveredUpTo(tokens.length, ignored);
    const isIgnored = (o: Occurrence): boolean => ignoredUpTo[o.end + 1]! - ignoredUpTo[o.start]! > 0;
    const keptByOwner = new Map<string, Occurrence[]>();
    const kept = (owner: string): Occurrence[] => {
      let list = keptByOwner.get(owner);
      if (!list) {
        list = (found.get(owner) ?? []).filter((o) => !isIgnored(o) && !absorbed(o, owner));
        keptByOwner.set(owner, list);
      }
      return list;
    };

    // A "but" (mais, walakin) starts a new part: the words of a story before it do not cancel an emergency
    // told after it, while what follows it can still qualify what came before ("…but that was last year").
    // A turn word inside a longer frame or `unless` match, with no comma or full stop before it, is part of that
    // match, not a turn: in "i'm ok now, what help do you give" the "now" of "ok now" does not start a new part the
    // "ok now" would not qualify; in "i dey fine, now dem dey beat me" it does.
    const qualifying = turns.length > 0 ? [...frames, ...unlessLists.flatMap((name) => kept(`w:${name}`))] : [];
    const starts = qualifying.length > 0 ? clauseStarts(text.slice(0, MAX_SAFETY_TEXT), tokens.length) : undefined;
    const swallowed = (t: number): boolean => starts !== undefined && !starts.has(t) && qualifying.some((o) => o.start < t && t <= o.end);
    const turnsUpTo = new Array<number>(tokens.length + 1).fill(0);
    for (const t of turns) if (!swallowed(t)) turnsUpTo[t + 1]!++;
    for (let at = 1; at <= tokens.length; at++) turnsUpTo[at]! += turnsUpTo[at - 1]!;
    const partOf = (at: number): number => turnsUpTo[Math.min(at + 1, tokens.length)]!;
    // A film, the news, a dream, years ago: what is told in that part, or before it, is not happening now.
    // A frame inside a longer ignored phrase ("ce n'est pas une blague") sets nothing.
    const framesKept = frames.filter((f) => !ignored.some((o) => o.start <= f.start && f.end <= o.end && o.end - o.start > f.end - f.start));
    const lastFramed = framesKept.length ? Math.max(...framesKept.map((o) => partOf(o.start))) : -1;
    const inFrame = (o: Occurrence): boolean => partOf(o.start) <= lastFramed;
    const liveByOwner = new Map<string, Occurrence[]>();
    const live = (owner: string): Occurrence[] => {
      let list = liveByOwner.get(owner);
      if (!list) liveByOwner.set(owner, (list = kept(owner).filter((o) => !inFrame(o))));
      return list;
    };
    const matches: SafetyMatch[] = [];
    const phraseHits = [...found.keys()]
      .filter((owner) => owner.startsWith('p:'))
      .map((owner) => ({ category: owner.slice(2) as SafetyCategory, at: live(owner)[0]?.start ?? -1 }))
      .filter((hit) => hit.at >= 0)
      .sort((a, b) => a.at - b.at);
    for (const hit of phraseHits) matches.push({ category: hit.category, rule: 'phrase' });
    for (const rule of rules) {
      if (rule.maxWords !== undefined && tokens.length > rule.maxWords) continue;
      if (ruleFires(rule, live, kept, partOf)) matches.push({ category: rule.category, rule: rule.id });
    }
    const framed = lastFramed >= 0 && lastFramed >= partOf(tokens.length - 1);
    const first = matches[0];
    if (!first) return { detection: null, framed };
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    const lang = ranked[0] && ranked[0][1] > (ranked[1]?.[1] ?? 0) ? ranked[0][0] : undefined;
    return { detection: { category: first.category, rule: first.rule, matches, ...(lang ? { lang } : {}) }, framed };
  };
  // The learned layer asks whether a message is framed right after detecting it: the last reading is kept.
  let last: { text: string; analysis: Analysis } | undefined;
  const read = (text: string): Analysis => {
    if (last?.text !== text) last = { text, analysis: analyse(text) };
    return last.analysis;
  };

  return {
    detect: (text) => read(text).detection,
    framed: (text) => read(text).framed,
    reply(lang, category) {
      const reply = replies.get(lang) ?? replies.values().next().value;
      if (!reply) return '';
      return `${reply[category] ?? reply.default}\n\n${reply.notice}`;
    },
  };
}
