/** Messages of ioredis / Redis errors that mean "the store cannot be reached right now", not a bug. */
const UNAVAILABLE = /Connection is closed|Stream isn't writeable|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|^LOADING |^READONLY |^MASTERDOWN |^TRYAGAIN |^CLUSTERDOWN |^OOM /;

/**
 * True when `error` says the store is unreachable or refusing work for now (Redis down, restarting,
 * loading its AOF, out of memory): callers answer 503 and retry, and the service recovers by itself.
 */
export function isStoreUnavailableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return UNAVAILABLE.test(error.message);
}
