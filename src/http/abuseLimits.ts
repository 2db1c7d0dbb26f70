import type { Cluster, Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Request, Response } from 'restify';
import { sendJsonError } from './createHttpServer.js';

/** The rate limits that keep one client from flooding the assistant. */
export type LimitName = 'conversations' | 'tokens' | 'messages';

/** One limit: at most `points` uses per `durationSeconds` per key. */
export interface LimitRule {
  readonly points: number;
  readonly durationSeconds: number;
}

/** Dependencies of {@link createAbuseLimits}. */
export interface AbuseLimitsDeps {
  /** Shared counters so a limit holds across instances; in memory (this process) when undefined. */
  readonly redis?: { readonly client: Redis | Cluster; readonly keyPrefix: (limit: LimitName) => string };
  readonly rules: Readonly<Record<LimitName, LimitRule>>;
  /** Called for every refused request (for metrics). */
  readonly onLimited?: (limit: LimitName) => void;
}

/** What a limit decided for one request. */
export type LimitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** Checks and counts requests against the abuse limits. */
export interface AbuseLimits {
  /** Counts one use of `limit` by `key` (a client address or a conversation id) and says whether it is allowed. */
  consume(limit: LimitName, key: string): Promise<LimitDecision>;
  /**
   * Counts one use and, over the limit, answers 429 with Retry-After and a JSON reason. Resolves true
   * when the request may go on.
   */
  admit(res: Response, limit: LimitName, key: string): Promise<boolean>;
}

const REASONS: Record<LimitName, string> = {
  conversations: 'Too many new conversations from this address; please wait before starting another',
  tokens: 'Too many token requests from this address; please wait',
  messages: 'Too many messages in this conversation; please wait a moment before sending more',
};

/**
 * Builds the limits (rate-limiter-flexible: a fixed window per key, atomic in Redis). With Redis, each
 * limiter is insured by an in-memory one, so an outage still limits per instance instead of failing open
 * or closed (the request then meets the store's own 503).
 */
export function createAbuseLimits(deps: AbuseLimitsDeps): AbuseLimits {
  const limiters = Object.fromEntries(
    (Object.keys(deps.rules) as LimitName[]).map((name) => {
      const { points, durationSeconds } = deps.rules[name];
      const memory = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix: name });
      const limiter: RateLimiterAbstract = deps.redis
        ? new RateLimiterRedis({ storeClient: deps.redis.client, keyPrefix: deps.redis.keyPrefix(name), points, duration: durationSeconds, insuranceLimiter: memory })
        : memory;
      return [name, limiter];
    }),
  ) as Record<LimitName, RateLimiterAbstract>;

  const consume = async (limit: LimitName, key: string): Promise<LimitDecision> => {
    try {
      await limiters[limit].consume(key);
      return { allowed: true };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      deps.onLimited?.(limit);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
    }
  };

  return {
    consume,
    admit: async (res, limit, key) => {
      const decision = await consume(limit, key);
      if (decision.allowed) return true;
      res.header('Retry-After', String(decision.retryAfterSeconds));
      sendJsonError(res, 429, 'TooManyRequests', REASONS[limit]);
      return false;
    },
  };
}

/**
 * The address a request comes from: the socket's peer, or with `trustProxy` the last X-Forwarded-For entry
 * (the one our own reverse proxy appended; earlier entries are whatever the client wrote).
 */
export function clientAddress(req: Pick<Request, 'headers' | 'socket'>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last.slice(0, 64);
  }
  return req.socket?.remoteAddress ?? 'unknown';
}
