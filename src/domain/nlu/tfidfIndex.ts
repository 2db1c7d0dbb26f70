import type { FeatureVector } from './textFeatures.js';

/** Options of {@link TfidfIndex}. */
export interface TfidfIndexOptions {
  /**
   * Features found in more than this share of the documents are dropped (from documents and queries
   * alike): they carry almost no information and make the postings long. Default 1 (keep all).
   */
  readonly maxDocumentShare?: number;
}

/**
 * TF-IDF vectors of a fixed set of documents with an inverted index, answering "cosine similarity of a
 * query with every document" in time proportional to the query's features' postings.
 * Weights: sublinear term frequency (1 + ln tf) times smoothed idf ln(1 + N / df); vectors are L2-normalised.
 * Postings are typed arrays, so a query costs no allocation beyond its own features.
 */
export class TfidfIndex {
  private readonly features = new Map<string, number>();
  private readonly dropped = new Set<string>();
  private readonly idf: number[] = [];
  private readonly docs: Int32Array[] = [];
  private readonly weights: Float64Array[] = [];
  private readonly unseenIdf: number;
  /** Number of indexed documents. */
  readonly size: number;

  constructor(documents: readonly FeatureVector[], options: TfidfIndexOptions = {}) {
    this.size = documents.length;
    this.unseenIdf = Math.log(1 + documents.length);
    const maxDf = Math.max(1, Math.floor((options.maxDocumentShare ?? 1) * documents.length));
    const df = new Map<string, number>();
    for (const doc of documents) for (const key of doc.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    for (const [key, n] of df) {
      if (n > maxDf) {
        this.dropped.add(key);
        continue;
      }
      this.features.set(key, this.idf.length);
      this.idf.push(Math.log(1 + documents.length / n));
    }
    const lists: Array<{ docs: number[]; weights: number[] }> = this.idf.map(() => ({ docs: [], weights: [] }));
    documents.forEach((doc, index) => {
      const entries: Array<[number, number]> = [];
      let norm = 0;
      for (const [key, tf] of doc) {
        const f = this.features.get(key);
        if (f === undefined) continue;
        const w = (1 + Math.log(tf)) * this.idf[f]!;
        entries.push([f, w]);
        norm += w * w;
      }
      norm = Math.sqrt(norm) || 1;
      for (const [f, w] of entries) {
        lists[f]!.docs.push(index);
        lists[f]!.weights.push(w / norm);
      }
    });
    for (const list of lists) {
      this.docs.push(Int32Array.from(list.docs));
      this.weights.push(Float64Array.from(list.weights));
    }
  }

  /**
   * Adds the cosine similarity of `query` with each document into `into[docIndex]`, multiplied by
   * `factor`. Features never seen in the documents are ignored but count in the query's norm (at the
   * largest idf), so a message full of unknown words scores low.
   */
  accumulate(query: FeatureVector, into: Float64Array, factor: number): void {
    const known: number[] = [];
    const knownWeights: number[] = [];
    let norm = 0;
    for (const [key, tf] of query) {
      const f = this.features.get(key);
      if (f === undefined && this.dropped.has(key)) continue;
      const w = (1 + Math.log(tf)) * (f === undefined ? this.unseenIdf : this.idf[f]!);
      norm += w * w;
      if (f !== undefined) {
        known.push(f);
        knownWeights.push(w);
      }
    }
    if (norm === 0) return;
    const scale = factor / Math.sqrt(norm);
    for (let k = 0; k < known.length; k++) {
      const f = known[k]!;
      const w = knownWeights[k]! * scale;
      const docs = this.docs[f]!;
      const weights = this.weights[f]!;
      for (let i = 0; i < docs.length; i++) into[docs[i]!]! += w * weights[i]!;
    }
  }
}
