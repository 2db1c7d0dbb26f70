/**
 * What the WhatsApp sender does with a Graph failure: whether it is worth another try, how long to wait before
 * it, whether the message may have reached Meta anyway, and how a dead letter names it.
 */
import type { GraphApiError } from './graphClient.js';

// Graph codes worth retrying: transient (1, 2, 131000, 131016) and rate limits (4, 80007, 130429, 131056).
// https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056]);
const PAIR_RATE_LIMIT = 131056;
/** Graph's "re-engagement message" error: the 24-hour customer-service window is closed, so the reply is held. */
export const WINDOW_CLOSED = 131047;

/** The backoff bounds of {@link retryDelayMs}, in ms. */
export interface BackoffBounds {
  /** First backoff; doubles per attempt. */
  readonly baseDelayMs: number;
  /** Longest single backoff. */
  readonly maxDelayMs: number;
}

/**
 * Backoff before retry number `attempt + 1`: 4^attempt s for 131056 (Meta's advice), else exponential with
 * jitter. `random` is a jitter source in [0, 1).
 */
export function retryDelayMs(error: GraphApiError, attempt: number, bounds: BackoffBounds, random: () => number): number {
  if (error.code === PAIR_RATE_LIMIT) return Math.round(4 ** attempt * 1000 * (1 + 0.1 * random()));
  const ceiling = Math.min(bounds.maxDelayMs, bounds.baseDelayMs * 2 ** attempt);
  // "Equal jitter": at least half the ceiling, so retries from many users spread out but still back off.
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** No HTTP answer and the request may have reached Meta (not a refused or unresolvable connection). */
export function isAmbiguous(error: GraphApiError): boolean {
  return error.status === undefined && !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.networkCode ?? '');
}

/** 429, 5xx, network errors and Graph's transient/rate-limit codes are worth another try. */
export function isRetryable(error: GraphApiError): boolean {
  if (error.code !== undefined && RETRYABLE_CODES.has(error.code)) return true;
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

/** The reason a dead letter gives staff: the HTTP status (or network error), Graph's code and its hint. */
export function describeGraphError(error: GraphApiError): string {
  const status = error.status === undefined ? 'network error' : `graph ${error.status}`;
  return `${status}${error.code !== undefined ? ` code ${error.code}` : ''}${error.hint ? `: ${error.hint}` : ''}`;
}
