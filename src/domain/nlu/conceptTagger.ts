import { CONCEPT_LEXICON, type Concept, type CONCEPT_FRAMES } from './conceptLexicon.js';
import { tokenise } from './normalise.js';

/** Arabic clitics that may precede a word: و (and), ب (with), ل (for), ف (so), ال (the) and their combinations. */
const ARABIC_PREFIX = /^(?:وال|بال|فال|كال|لل|ال|و|ب|ل|ف)(?=.{2,})/;

/** A French elided d' / s' / m' / n' / j' / t' typed glued to a word starting with a vowel. */
const GLUED_ELISION = /^[dsmnjt][aeiouy][a-z]/;

/** Frames a tagger looks for (see {@link CONCEPT_FRAMES}): none by default. */
export type ConceptFrames = Readonly<Partial<Record<keyof typeof CONCEPT_FRAMES, FrameDefinition>>>;

/** Two word lists near each other (see {@link CONCEPT_FRAMES}); `marks`: the concept found, default the frame's own name. */
export interface FrameDefinition {
  readonly first: string;
  readonly second: string;
  readonly window: number;
  readonly marks?: Concept;
}

/** A frame as the tagger runs it: its concept, its window, and the side concepts its two word lists became. */
interface CompiledFrame {
  readonly concept: Concept;
  readonly window: number;
  readonly first: Concept;
  readonly second: Concept;
}

/**
 * Finds the concepts of {@link CONCEPT_LEXICON} in a normalised message, and the frames it is given (two words
 * near each other). Built once per matcher; `conceptsOf` costs a few map look-ups per word.
 */
export class ConceptTagger {
  private readonly exact = new Map<string, Concept[]>();
  private readonly prefixes: Array<readonly [string, Concept]> = [];
  /** Phrases by their first word: the remaining words and the concept. */
  private readonly phrases = new Map<string, Array<readonly [readonly string[], Concept]>>();
  /** Concepts of each word seen (prefix terms cost a scan of every prefix, so it is done once per word). */
  private readonly wordCache = new Map<string, readonly Concept[]>();
  private static readonly WORD_CACHE_SIZE = 20_000;

  /** Tagger of the frames' word lists (each side is a concept of its own), or null without frames. */
  private readonly sides: ConceptTagger | null = null;
  private readonly frames: CompiledFrame[] = [];

  /**
   * @param lexicon the concepts and their terms, default {@link CONCEPT_LEXICON}.
   * @param frames the frames to find, default none (the topic model is given {@link CONCEPT_FRAMES}).
   * @param expandTerms tokenise the terms as messages are tokenised, SMS spellings expanded (default false, as the
   *   safety layer was trained): `tokenise` turns the SMS "c ou" into "c est ou", so the phrase `c_ou` only meets a
   *   message when it is read the same way. The topic model sets it.
   */
  constructor(lexicon: Readonly<Partial<Record<Concept, string>>> = CONCEPT_LEXICON, frames: ConceptFrames = {}, expandTerms = false) {
    const sideLexicon: Record<string, string> = {};
    for (const [concept, frame] of Object.entries(frames) as Array<[Concept, FrameDefinition]>) {
      const first = `${concept}<` as Concept;
      const second = `${concept}>` as Concept;
      sideLexicon[first] = frame.first;
      sideLexicon[second] = frame.second;
      this.frames.push({ concept: frame.marks ?? concept, window: frame.window, first, second });
    }
    if (this.frames.length > 0) this.sides = new ConceptTagger(sideLexicon, {}, expandTerms);
    for (const [concept, terms] of Object.entries(lexicon) as Array<[Concept, string]>) {
      for (const term of terms.split(/\s+/).filter(Boolean)) {
        const prefix = term.endsWith('*');
        const words = tokenise(term.replace(/\*$/, '').replace(/_/g, ' '), expandTerms);
        if (words.length === 0) continue;
        if (words.length > 1) {
          const list = this.phrases.get(words[0]!) ?? [];
          list.push([words.slice(1), concept]);
          this.phrases.set(words[0]!, list);
        }
        else if (prefix && words[0]!.length >= 4) this.prefixes.push([words[0]!, concept]);
        else {
          this.add(words[0]!, concept);
          // "السنغال" must also match "للسنغال" once its clitics are stripped to "سنغال".
          const bare = words[0]!.replace(ARABIC_PREFIX, '');
          if (bare !== words[0]) this.add(bare, concept);
        }
      }
    }
  }

  /** Concepts present in `tokens` (the output of `tokenise`). Linear in the number of tokens. */
  conceptsOf(tokens: readonly string[]): Set<Concept> {
    const found = new Set<Concept>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      for (const c of this.conceptsOfWord(token)) found.add(c);
      const phrases = this.phrases.get(token);
      if (!phrases) continue;
      for (const [rest, concept] of phrases) {
        let k = 0;
        while (k < rest.length && tokens[i + 1 + k] === rest[k]) k++;
        if (k === rest.length) found.add(concept);
      }
    }
    if (this.sides) this.findFrames(tokens, found);
    return found;
  }

  /** Adds to `found` each frame whose two sides occur within its window (a side's phrase counts at its first word). */
  private findFrames(tokens: readonly string[], found: Set<Concept>): void {
    const last = new Map<Concept, number>();
    for (let i = 0; i < tokens.length; i++) {
      const here = this.sides!.conceptsAt(tokens, i);
      if (here.length === 0) continue;
      for (const side of here) last.set(side, i);
      for (const frame of this.frames) {
        const a = last.get(frame.first);
        const b = last.get(frame.second);
        if (a !== undefined && b !== undefined && Math.abs(a - b) <= frame.window) found.add(frame.concept);
      }
    }
  }

  /** Concepts of the word at `i` and of the phrases starting there. */
  private conceptsAt(tokens: readonly string[], i: number): Concept[] {
    const token = tokens[i]!;
    const here = [...this.conceptsOfWord(token)];
    for (const [rest, concept] of this.phrases.get(token) ?? []) {
      let k = 0;
      while (k < rest.length && tokens[i + 1 + k] === rest[k]) k++;
      if (k === rest.length) here.push(concept);
    }
    return here;
  }

  private conceptsOfWord(token: string): readonly Concept[] {
    const cached = this.wordCache.get(token);
    if (cached) return cached;
    const found = new Set<Concept>();
    this.tagWord(token, found);
    const bare = token.replace(ARABIC_PREFIX, '');
    if (bare !== token) this.tagWord(bare, found);
    // Darija in Latin letters glues the article: lflous, lbled, lwraq.
    if (token.length > 4 && token.startsWith('l')) this.tagWord(token.slice(1), found);
    // French typed without apostrophes glues an elided word to the next: dasile, sinscrire, mexpulser.
    else if (token.length > 4 && GLUED_ELISION.test(token)) this.tagWord(token.slice(1), found);
    const result = [...found];
    if (this.wordCache.size >= ConceptTagger.WORD_CACHE_SIZE) this.wordCache.clear();
    this.wordCache.set(token, result);
    return result;
  }

  private tagWord(word: string, found: Set<Concept>): void {
    const exact = this.exact.get(word);
    if (exact) for (const c of exact) found.add(c);
    if (word.length < 4) return;
    for (const [prefix, concept] of this.prefixes) if (word.startsWith(prefix)) found.add(concept);
  }

  private add(word: string, concept: Concept): void {
    const list = this.exact.get(word);
    if (list) {
      if (!list.includes(concept)) list.push(concept);
    } else this.exact.set(word, [concept]);
  }
}
