// Turns: the inbound queue, turn and delivery concurrency, worker threads and their memory, retries and dead letters
// Part of the one schema of the assistant's settings (config.ts); `.env.example` documents each variable.
import { z } from 'zod';
import { nonNegativeIntOr, positiveInt } from './configFields.js';

/**
 * Steps of a queued turn at which a test may have the process killed (TEST_CRASH_AT): right after the claim,
 * after the decided outcome was stored, after the state was saved, after the first reply reached the channel
 * (for WhatsApp: Graph accepted it and that was recorded), before the ack is known to be done (it goes out beside
 * the last reply's records, so it may or may not have been applied).
 */
export const CRASH_POINTS = ['afterClaim', 'afterReplyStored', 'afterStateSave', 'afterGraphCall', 'beforeAck'] as const;

/** Turns (see config.ts). */
export const TURN_SETTINGS = {
  /** Inbound queue: past this many waiting WhatsApp messages (web chat: WEBCHAT_QUEUE_MAX_DEPTH), new ones get 503 so the sender retries later. */
  INBOUND_QUEUE_MAX_DEPTH: positiveInt.default(10_000),
  /** A claimed message whose worker has not finished after this many ms is handed to another worker. */
  INBOUND_LEASE_MS: positiveInt.default(60_000),
  /** Turns run at the same time by one instance (different conversations only). */
  TURN_CONCURRENCY: positiveInt.default(8),
  /**
   * Deliveries of decided turns (replies going to WhatsApp or the web chat log) run at once by one instance,
   * apart from TURN_CONCURRENCY, so a slow Graph API holds no turn slot; default 32 (the Graph sockets follow it).
   */
  SEND_CONCURRENCY: positiveInt.default(32),
  /**
   * Turn worker threads of one instance (each with TURN_CONCURRENCY turns and SEND_CONCURRENCY deliveries);
   * the main thread serving HTTP then runs no turn, so acknowledging webhooks never waits behind one. Default the
   * number of cores when REDIS_URL is set; 1 (turns in the HTTP process) is the only choice on the embedded store.
   */
  WORKERS: positiveInt.optional().or(z.literal('').transform(() => undefined)),
  /**
   * Cap of each turn worker thread's young generation in MB (V8 `maxYoungGenerationSizeMb`): lower means less
   * memory per thread under load and more frequent minor GCs. Default 8: on the quick bench (2 December) it took
   * 35–55 MB off the peak RSS of WORKERS=2 at no measurable CPU cost (README "Performance").
   */
  TURN_THREAD_YOUNG_GEN_MB: positiveInt.optional().or(z.literal('').transform(() => undefined)).transform((v) => v ?? 8),
  /**
   * How far V8 lets each thread's old generation grow past what was live at its last full GC, in percent
   * (`--heap-growing-percent`, set at start for every thread, v8MemoryFlags.ts). 10 trades about 15% more CPU per
   * message for ~150 MB less peak RSS with WORKERS=2 (README "Performance"); 0 keeps V8's own factor (up to 4×).
   */
  HEAP_GROWING_PERCENT: nonNegativeIntOr(10, 400),
  /** Largest semi-space of the main thread's young generation in MB (`--max-semi-space-size`); 0 keeps V8's own (16). */
  MAIN_SEMI_SPACE_MB: nonNegativeIntOr(1, 64),

  // --- Durability (core-durability): turn retries, dead letters, decided outcomes, durable Redis ---
  /** Attempts of a failing turn before its message goes to the dead letters (the user is told once), default 5. */
  TURN_MAX_ATTEMPTS: positiveInt.default(5),
  /** Wait before the first retry of a failed turn, in ms, doubled each retry (capped at INBOUND_LEASE_MS), default 1000. */
  TURN_RETRY_DELAY_MS: positiveInt.default(1000),
  /** Inbound and outbound dead letters (and held WhatsApp messages) are deleted after this many seconds, default 30 days. */
  DEAD_LETTER_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
  /** A turn's stored outcome (replies + state changes) is removed at its ack; a crash leaves it at most this long, default 7 days. */
  TURN_OUTCOME_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
  /** Web chat's own bound in the inbound queue (INBOUND_QUEUE_MAX_DEPTH is WhatsApp's), so a flood of one cannot refuse the other. */
  WEBCHAT_QUEUE_MAX_DEPTH: positiveInt.default(2000),
  /** Tests only: kill the process with SIGKILL at this step of the first queued turn that reaches it. */
  TEST_CRASH_AT: z.enum(CRASH_POINTS).optional().or(z.literal('').transform(() => undefined)),

  /**
   * Longest pause between two claims of an idle turn worker, in ms, default 1 000. A new message wakes idle
   * workers at once (Redis pub/sub); this bounds what nothing announces (a lease running out, a delayed retry).
   */
  INBOUND_IDLE_POLL_MAX_MS: positiveInt.max(60_000).default(1_000),
};
