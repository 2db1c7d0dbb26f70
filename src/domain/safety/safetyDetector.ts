import type { Language } from '../../i18n/languages.js';
import type { SafetyContent, SafetyReply } from './safetyContent.js';
import type { SafetyCategory } from './safetySchema.js';
import { safetyTokens } from './termPattern.js';
import { matchFrom, ruleFires, wordsCoveredUpTo, type CompiledTerm, type MessageWords, type Occurrence } from './termMatching.js';
import { splitGlued } from './gluedWords.js';
import { compileTermIndex } from './termIndex.js';
import { longerMatchReader } from './longerMatches.js';
import { messageParts } from './messageParts.js';
import { addDerivedMatches } from './derivedLists.js';

/**
 * Characters of a message the detector reads: far more than the matcher (2000), because an emergency
 * told at the end of a long story must not be cut off. Bounded so a pasted document costs bounded time.
 */
export const MAX_SAFETY_TEXT = 8000;

export { EMERGENCY_INTENT } from './emergencyIntent.js';

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

/**
 * Builds the detector from the safety content ({@link compileTermIndex}: every language's lists merged by name). A
 * message is normalised like the matcher's input ({@link safetyTokens}); phrases fire on their own, rules fire when
 * one word of each of their lists sits within `within` words (their `unless` lists, anywhere in the message, cancel
 * them), words inside an `ignore` phrase count for nothing, and a word inside a longer match that fires alone for
 * another situation counts only as part of it ({@link longerMatchReader}). Token comparisons only: time is linear
 * in the message length times the number of terms, with no regular expression built from content.
 */
export function createSafetyDetector(content: SafetyContent): SafetyDetector {
  const index = compileTermIndex(content);
  const replies = new Map<Language, SafetyReply>(content.languages.map((l) => [l.lang, l.reply]));
  const rules = content.rules;
  const derived = content.derived ?? [];
  const unlessLists = [...new Set(rules.flatMap((rule) => rule.unless))];
  const absorption = longerMatchReader(rules);

  const analyse = (text: string): Analysis => {
    const read = text.slice(0, MAX_SAFETY_TEXT);
    const tokens = splitGlued(safetyTokens(read), index.lexicon);
    if (tokens.length === 0) return { detection: null, framed: false };
    const forms = tokens.map(index.formsOf);
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
    addDerivedMatches(found, derived);
    // The words inside an ignored phrase are counted up front, so these checks stay linear in the message length.
    const absorbed = absorption(found, tokens.length);
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
    const { partOf, lastFramed } = messageParts({ text: read, length: tokens.length, tokens, turns, frames, ignored, unless: () => unlessLists.flatMap((name) => kept(`w:${name}`)) });
    // A film, the news, a dream, years ago: what is told in that part, or before it, is not happening now.
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
