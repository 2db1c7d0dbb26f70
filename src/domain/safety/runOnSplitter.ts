import { cheapestSegmentation } from './wordSegmentation.js';

/**
 * Shortest run-on word that is split: shorter unknown words may be real words the corpus lacks ("internationalisation",
 * 20 letters, would become "international is at i on"); "mydadisshakingonthefloor" is a sentence typed without spaces.
 */
export const RUN_ON_FROM = 22;
/** Longest run-on word that is split (its first this many letters): bounds the cost of a pasted blob. */
export const RUN_ON_UP_TO = 240;
/** Longest word looked for inside a run-on word. */
const LONGEST_PART = 18;
/** Extra cost of each word of a split, in nats: prefers "par terre" to "par ter re" when both are words. */
const PER_WORD = 2;

/** Words and their counts in a corpus, from which {@link RunOnSplitter} is built. */
export type WordCounts = ReadonlyArray<readonly [word: string, count: number]>;

/**
 * Splits words typed without spaces ("mydadisshakingonthefloor", "jeprendsplacepourlorientation") into the corpus's
 * words, the most likely split under a unigram model of the corpus (each word costs −log of its frequency plus
 * {@link PER_WORD}). Old phones and fast thumbs drop the spaces; a message that is one long token gives the
 * classifier nothing but character n-grams. A word is split only when it is {@link RUN_ON_FROM} letters or more,
 * unknown to the corpus, and covered entirely by known words; otherwise it stays as it was.
 */
export class RunOnSplitter {
  private readonly cost = new Map<string, number>();
  private readonly known: ReadonlySet<string>;

  /** `counts`: the corpus's words; `markers`: words of the caller's own that are never split (a sentence mark). */
  constructor(counts: WordCounts, markers: readonly string[] = []) {
    let total = 0;
    for (const [, count] of counts) total += count;
    for (const [word, count] of counts) if (word.length <= LONGEST_PART && count > 0) this.cost.set(word, Math.log(total / count) + PER_WORD);
    this.known = new Set([...counts.map(([word]) => word), ...markers]);
  }

  /** Words of `counts` taken from tokenised texts (one count per occurrence). */
  static countWords(texts: Iterable<readonly string[]>): WordCounts {
    const counts = new Map<string, number>();
    for (const tokens of texts) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return [...counts];
  }

  /** `tokens` with every run-on word replaced by its words (the same array when none is). */
  splitAll(tokens: readonly string[]): readonly string[] {
    if (!tokens.some((token) => this.isRunOn(token))) return tokens;
    return tokens.flatMap((token) => (this.isRunOn(token) ? this.split(token) : [token]));
  }

  /** The words of `word`, or `[word]` when it cannot be covered by known words. */
  split(word: string): string[] {
    const text = word.slice(0, RUN_ON_UP_TO);
    const pieces = cheapestSegmentation(text, { longestWord: LONGEST_PART, shortestWord: 1, wordCost: (piece) => this.cost.get(piece) });
    if (!pieces) return [word];
    const parts = pieces.map((piece) => piece.text);
    if (word.length > text.length) parts.push(word.slice(text.length));
    return parts;
  }

  /** Whether `token` is long, all letters, and not itself a word of the corpus. */
  private isRunOn(token: string): boolean {
    return token.length >= RUN_ON_FROM && !this.known.has(token) && /^[\p{L}]+$/u.test(token);
  }
}
