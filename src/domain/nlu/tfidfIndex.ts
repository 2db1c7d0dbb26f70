import type { FeatureVector } from './textFeatures.js';

/**
 * TF-IDF vectors of a fixed set of documents with an inverted index, answering "cosine similarity of a
 * query with every document" in time proportional to the query's features' postings.
 * Weights: sublinear term frequency (1 + ln tf) times smoothed idf ln(1 + N / df); vectors are L2-normalised.
 */
export class TfidfIndex {
  private readonly idf = new Map<string, number>();
  private readonly postings = new Map<string, Array<readonly [number, number]>>();
  /** Number of indexed documents. */
  readonly size: number;

  constructor(documents: readonly FeatureVector[]) {
    this.size = documents.length;
    const df = new Map<string, number>();
    for (const doc of documents) for (const key of doc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    for (const [key, n] of df) this.idf.set(key, Math.log(1 + documents.length / n));
    documents.forEach((doc, index) => {
      const weighted = this.weigh(doc);
      for (const [key, w] of weighted) {
        let list = this.postings.get(key);
        if (!list) this.postings.set(key, (list = []));
        list.push([index, w]);
      }
    });
  }

  /**
   * Adds the cosine similarity of `query` with each document into `into[docIndex]`, multiplied by
   * `factor`. Features never seen in the documents are ignored (they count in the query's norm,
   * at the largest idf, so a message full of unknown words scores low).
   */
  accumulate(query: FeatureVector, into: Float64Array, factor: number): void {
    const weighted = this.weigh(query, true);
    for (const [key, w] of weighted) {
      const list = this.postings.get(key);
      if (!list) continue;
      const scaled = w * factor;
      for (const [doc, dw] of list) into[doc] = (into[doc] ?? 0) + scaled * dw;
    }
  }

  private weigh(vector: FeatureVector, isQuery = false): Map<string, number> {
    const out = new Map<string, number>();
    let norm = 0;
    const unseenIdf = Math.log(1 + this.size);
    for (const [key, tf] of vector) {
      const idf = this.idf.get(key) ?? (isQuery ? unseenIdf : 0);
      const w = (1 + Math.log(tf)) * idf;
      if (w <= 0) continue;
      norm += w * w;
      if (this.idf.has(key)) out.set(key, w);
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [key, w] of out) out.set(key, w / norm);
    return out;
  }
}
