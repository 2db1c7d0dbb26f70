import { createHash } from 'node:crypto';
import { z } from 'zod';
import { redactPersonalData } from '../../observability/redactPersonalData.js';
import type { UnansweredLog, UnansweredQuestion } from '../types.js';

/** Options of the unanswered-question logs (memory and Redis). */
export interface UnansweredLogOptions {
  /** How long a question is kept, in seconds; default 180 days. */
  readonly retentionSeconds?: number;
  /** Most questions kept; the oldest are dropped first. Default 50 000. */
  readonly maxEntries?: number;
  /** Longest text kept, in characters (the rest is cut). Default 500. */
  readonly maxTextLength?: number;
  /**
   * How long a record key is remembered, in seconds, so a re-run turn does not record its question twice;
   * default 7 days (as long as the inbound queue remembers a message id).
   */
  readonly recordKeySeconds?: number;
}

/** Defaults of {@link UnansweredLogOptions}. */
export const UNANSWERED_DEFAULTS = {
  retentionSeconds: 180 * 24 * 3600,
  maxEntries: 50_000,
  maxTextLength: 500,
  recordKeySeconds: 7 * 24 * 3600,
} as const satisfies Required<UnansweredLogOptions>;

/** The stored form of a record key: a hash, so the message id it names (a wamid holds a phone number) is not kept. */
export function recordKeyHash(recordKey: string): string {
  return createHash('sha256').update(recordKey).digest('hex').slice(0, 32);
}

/** Shape of one stored question (JSON in Redis). */
const StoredQuestion = z.object({
  text: z.string(),
  lang: z.string(),
  at: z.number(),
  candidates: z.array(z.object({ id: z.string(), score: z.number() })).default([]),
});

/** Parses one stored question; undefined when it is not valid JSON of the expected shape. */
export function parseStoredQuestion(json: string): UnansweredQuestion | undefined {
  try {
    const parsed = StoredQuestion.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * In-memory {@link UnansweredLog} for the embedded mode: questions live only as long as the process.
 * The text is anonymised on the way in, like the Redis store.
 */
export class MemoryUnansweredLog implements UnansweredLog {
  private readonly questions: UnansweredQuestion[] = [];
  private readonly retentionMs: number;
  private readonly maxEntries: number;
  private readonly maxTextLength: number;
  private readonly recordKeyMs: number;
  /** Record key hash → when it is forgotten (ms since the epoch), oldest first. */
  private readonly recorded = new Map<string, number>();

  constructor(options: UnansweredLogOptions = {}) {
    this.retentionMs = (options.retentionSeconds ?? UNANSWERED_DEFAULTS.retentionSeconds) * 1000;
    this.maxEntries = options.maxEntries ?? UNANSWERED_DEFAULTS.maxEntries;
    this.maxTextLength = options.maxTextLength ?? UNANSWERED_DEFAULTS.maxTextLength;
    this.recordKeyMs = (options.recordKeySeconds ?? UNANSWERED_DEFAULTS.recordKeySeconds) * 1000;
  }

  async record(question: UnansweredQuestion): Promise<void> {
    if (question.recordKey !== undefined && !this.firstRecord(recordKeyHash(question.recordKey))) return;
    const stored: UnansweredQuestion = {
      text: redactPersonalData(question.text).slice(0, this.maxTextLength),
      lang: question.lang,
      at: question.at,
      candidates: question.candidates.slice(0, 3).map((c) => ({ id: c.id, score: c.score })),
    };
    // Keep the array sorted by time (questions usually arrive in order, so this is a push).
    let i = this.questions.length;
    while (i > 0 && this.questions[i - 1]!.at > stored.at) i--;
    this.questions.splice(i, 0, stored);
    const oldest = question.at - this.retentionMs;
    let expired = 0;
    while (expired < this.questions.length && this.questions[expired]!.at < oldest) expired++;
    const over = Math.max(expired, this.questions.length - this.maxEntries);
    if (over > 0) this.questions.splice(0, over);
  }

  /** Remembers a record key hash; false when it was already remembered (and not yet forgotten). */
  private firstRecord(hash: string): boolean {
    const now = Date.now();
    for (const [key, forgetAt] of this.recorded) {
      if (forgetAt > now) break;
      this.recorded.delete(key);
    }
    if (this.recorded.has(hash)) return false;
    this.recorded.set(hash, now + this.recordKeyMs);
    return true;
  }

  async list(since: number, until: number, limit = 10_000): Promise<UnansweredQuestion[]> {
    return this.questions.filter((q) => q.at >= since && q.at <= until).slice(0, limit);
  }
}
