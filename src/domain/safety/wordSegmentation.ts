// One dynamic programme for words typed without spaces, shared by the rules' splitter (gluedWords.ts: fewest pieces,
// letters left uncovered allowed) and the learned layer's (runOnSplitter.ts: the likeliest words, every letter covered).

/** How {@link cheapestSegmentation} prices the pieces of a text. */
export interface SegmentationCosts {
  /** Longest piece tried as a word, in letters. */
  readonly longestWord: number;
  /** Shortest piece tried as a word, in letters. */
  readonly shortestWord: number;
  /** Cost of `piece` as a word, or `undefined` when it is not one. */
  wordCost(piece: string): number | undefined;
  /** Cost of one letter left outside every word; `undefined` (the default): every letter must be inside a word. */
  readonly letterCost?: number;
}

/** A piece of a segmented text: a word, or one letter no word covers. */
export interface Segment {
  readonly text: string;
  readonly word: boolean;
}

/**
 * The cheapest cut of `text` into words (and, when {@link SegmentationCosts.letterCost} is set, single uncovered
 * letters), in order; `null` when no cut covers it. Ties keep the first cut found: an uncovered letter before a
 * word, a longer word before a shorter one ending at the same place. Quadratic in `longestWord`, linear in the text.
 */
export function cheapestSegmentation(text: string, costs: SegmentationCosts): Segment[] | null {
  const n = text.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1).fill(-1);
  const isWord = new Uint8Array(n + 1);
  best[0] = 0;
  for (let end = 1; end <= n; end++) {
    if (costs.letterCost !== undefined && best[end - 1]! + costs.letterCost < best[end]!) {
      best[end] = best[end - 1]! + costs.letterCost;
      from[end] = end - 1;
      isWord[end] = 0;
    }
    for (let start = Math.max(0, end - costs.longestWord); start <= end - costs.shortestWord; start++) {
      if (best[start] === Infinity) continue;
      const cost = costs.wordCost(text.slice(start, end));
      if (cost === undefined || best[start]! + cost >= best[end]!) continue;
      best[end] = best[start]! + cost;
      from[end] = start;
      isWord[end] = 1;
    }
  }
  if (best[n] === Infinity) return null;
  const pieces: Segment[] = [];
  for (let end = n; end > 0; end = from[end]!) pieces.push({ text: text.slice(from[end]!, end), word: isWord[end] === 1 });
  return pieces.reverse();
}
