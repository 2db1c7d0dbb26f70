import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './configError.js';

/**
 * Steps of a queued turn at which a test may have the process killed (TEST_CRASH_AT): right after the claim,
 * after the decided outcome was stored, after the state was saved, after the first reply reached the channel
 * (for WhatsApp: Graph accepted it and that was recorded), before the ack is known to be done (it goes out beside
 * the last reply's records, so it may or may not have been applied).
 */
export const CRASH_POINTS = ['afterClaim', 'afterReplyStored', 'afterStateSave', 'afterGraphCall', 'beforeAck'] as const;

const port = z.coerce.number().int().min(0).max(65535);
/** An integer from 0 to `max`; unset or empty gives `fallback`. */
const nonNegativeIntOr = (fallback: number, max: number) =>
  z.union([z.literal('').transform(() => fallback), z.coerce.number().int().min(0).max(max)]).optional().transform((v) => v ?? fallback);
const positiveInt = z.coerce.number().int().positive();
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting of the assistant, read from the environment (and an optional `.env`).
 * `.env.example` documents each variable; keep the two in step.
 * Each entry carries an example used in error messages (see {@link EXAMPLES}).
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port, default 3978 (the Bot Framework convention). */
  PORT: port.default(3978),
  /** Interface to listen on, default 0.0.0.0. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Public base URL used in printed links and Direct Line stream URLs, e.g. https://chat.example.org. */
  PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** Redis connection; when unset the embedded in-memory store is used. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'letters, digits, _ . : - only, at most 40')
    .default('tdu'),
  /** Conversation state expires after this many seconds without a message, default 30 days. */
  STATE_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),

  /** Language used before we know the user's, default fr. */
  DEFAULT_LANGUAGE: z.enum(['fr', 'en', 'ar']).default('fr'),
  /** Folder holding locales/<lng>/ (UI strings and FAQ content). */
  LOCALES_DIR: z.string().min(1).default('locales'),

  /** Largest JSON body accepted on ordinary routes, in bytes, default 64 KiB. */
  MAX_BODY_BYTES: positiveInt.default(64 * 1024),

  /** Bot Framework credentials; without MicrosoftAppId only loopback callers may use /api/messages. */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),

  /** Secret that signs Direct Line tokens; random per process when unset (set it when running several instances). */
  DIRECTLINE_SECRET: z.string().min(32, 'at least 32 characters').optional().or(z.literal('').transform(() => undefined)),
  /** Lifetime of a Direct Line token in seconds, default 3600 (as Microsoft's). */
  DIRECTLINE_TOKEN_TTL_SECONDS: positiveInt.default(3600),

  // --- Web chat clients (webchat-clients): CORS, uploads, typing ---
  /**
   * Browser origins allowed to call /v3/directline (Web Chat embedded on partner sites): `*` (default) for
   * any, or comma-separated origins such as `https://partner.example.org`. Tokens, not cookies, authorise.
   */
  DIRECTLINE_ALLOWED_ORIGINS: z
    .string()
    .trim()
    .default('*')
    .transform((v, ctx) => {
      const list = v.split(',').map((s) => s.trim()).filter(Boolean);
      if (list.length === 0 || list.includes('*')) return '*' as const;
      const origins: string[] = [];
      for (const item of list) {
        try {
          const origin = new URL(item).origin;
          if (origin === 'null') throw new Error('opaque');
          origins.push(origin);
        } catch {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin like https://partner.example.org` });
        }
      }
      return origins;
    }),
  /** Largest Direct Line upload (a file sent from Web Chat) in bytes, default 8 MiB; the file is read and dropped, never kept. */
  DIRECTLINE_UPLOAD_MAX_BYTES: positiveInt.default(8 * 1024 * 1024),
  /** Web chat: a typing indicator is shown when a reply takes longer than this many ms, default 700. */
  WEBCHAT_TYPING_DELAY_MS: z.coerce.number().int().min(0).default(700),

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

  /** WhatsApp Cloud API; the channel is enabled when the four secrets below are set. */
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_ACCESS_TOKEN: optionalString,
  /** Graph API base, default Meta's current version. */
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com/v23.0'),
  /** Largest webhook body in bytes, default 4 MiB (Meta batches up to about 3 MB). */
  WHATSAPP_MAX_BODY_BYTES: positiveInt.default(4 * 1024 * 1024),
  /** Messages per second for the business number, default 80 (Meta's default throughput). */
  WHATSAPP_RATE_PER_SECOND: positiveInt.default(80),
  /** Approved template sent when the 24-hour window is closed; unset keeps the message for a caseworker. */
  WHATSAPP_REENGAGE_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),

  // --- Appointments (issue 11) ---
  /** Orientation points file; default <LOCALES_DIR>/orientation-points.yaml. */
  ORIENTATION_POINTS_FILE: optionalString,
  /** How often this instance looks for due reminders, in ms, default 30 000 (several instances never send one twice). */
  APPOINTMENT_REMINDER_POLL_MS: positiveInt.default(30_000),
  /** Approved WhatsApp template for reminders when the 24-hour window is closed (body parameters: date, time, point, reference); unset: the reminder waits in the held outbox. */
  WHATSAPP_REMINDER_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  WHATSAPP_REMINDER_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),
  /** Approved WhatsApp template telling a person that staff cancelled their appointment, when the 24-hour window is closed (body parameters: date, time, point, reference; one quick-reply button to book again); unset: the message waits in the held outbox. */
  WHATSAPP_CANCELLATION_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  WHATSAPP_CANCELLATION_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),
  // --- Caseworker handoff and console (issue 10) ---
  /** Hand users to caseworkers ("talk to a person", emergencies, media); false keeps the "not possible yet" text. */
  HANDOFF_ENABLED: bool.default(true),
  /** A claim lasts this long unless the open console renews it, in ms, default 90 000. */
  HANDOFF_LEASE_MS: positiveInt.default(90_000),
  /** An assigned ticket whose caseworker has not answered for this long goes back to the queue, in ms, default 10 min. */
  HANDOFF_SILENT_MS: positiveInt.default(600_000),
  /** Open tickets one caseworker may hold, default 5. */
  HANDOFF_CAPACITY: positiveInt.default(5),
  /** Give waiting tickets to the least loaded caseworker with the console open (checked every 15 s), default false. */
  HANDOFF_AUTO_ASSIGN: bool.default(false),
  /** A WhatsApp ticket whose 24-hour window closes within this goes first in its priority, in ms, default 2 h. */
  HANDOFF_WINDOW_SOON_MS: positiveInt.default(2 * 3600_000),
  /** Ended tickets and their transcripts are erased this many days after closing, default 30. */
  HANDOFF_RETENTION_DAYS: positiveInt.default(30),
  /** Office hours, Africa/Casablanca time, e.g. `mon-thu 09:00-16:30; fri 09:00-12:00`; empty = always open. */
  HANDOFF_OFFICE_HOURS: z.string().default('mon-fri 09:00-17:00'),
  /** Dates the office is closed (YYYY-MM-DD, comma-separated). */
  HANDOFF_CLOSED_DATES: z.string().default(''),
  /** Approved WhatsApp template "we have not forgotten you", sent once before a window closes unanswered. */
  HANDOFF_REMINDER_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  HANDOFF_REMINDER_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),
  /** How long before the window closes the reminder goes out, in ms, default 1 h. */
  HANDOFF_REMINDER_BEFORE_MS: positiveInt.default(3_600_000),
  /** Console sessions end after this many minutes without an action, default 30. */
  CONSOLE_IDLE_MINUTES: positiveInt.default(30),
  /** Login attempts allowed per account / per address in 15 minutes, defaults 5 / 20. */
  CONSOLE_LOGIN_ATTEMPTS_PER_ACCOUNT: positiveInt.default(5),
  CONSOLE_LOGIN_ATTEMPTS_PER_ADDRESS: positiveInt.default(20),
  /** Audit entries (who viewed or did what, on which ticket) are kept this many days, default 365. */
  CONSOLE_AUDIT_RETENTION_DAYS: positiveInt.default(365),
  /** Without REDIS_URL: the console accounts file `npm run caseworker` writes and the app reads, default data/staff-accounts.json. */
  STAFF_ACCOUNTS_FILE: z.string().min(1).default('data/staff-accounts.json'),

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
  /** With REDIS_URL: refuse to start when Redis is not durable (AOF off, evicting maxmemory-policy) instead of warning. */
  REDIS_REQUIRE_DURABLE: bool.default(false),
  /** Tests only: kill the process with SIGKILL at this step of the first queued turn that reaches it. */
  TEST_CRASH_AT: z.enum(CRASH_POINTS).optional().or(z.literal('').transform(() => undefined)),
  // --- Abuse and flood limits (core-edges). Defaults no real person reaches; see README "Robustness and flood limits". ---
  /** Behind our own reverse proxy: take the client address from the last X-Forwarded-For entry, default false. */
  TRUST_PROXY: bool.default(false),
  /** New web chat conversations (and Direct Line tokens/generate) per client address per window, default 60. */
  LIMIT_CONVERSATIONS_PER_ADDRESS: positiveInt.default(60),
  /** Token refreshes and reconnections per client address per window, default 600. */
  LIMIT_TOKENS_PER_ADDRESS: positiveInt.default(600),
  /** Window of the two per-address limits above, in seconds, default 600 (10 minutes). */
  LIMIT_ADDRESS_WINDOW_SECONDS: positiveInt.default(600),
  /** Activities a web chat conversation may post per minute, default 30. */
  LIMIT_MESSAGES_PER_CONVERSATION_PER_MINUTE: positiveInt.default(30),
  /** WebSocket streams one conversation may hold open on one instance, default 5. */
  LIMIT_STREAMS_PER_CONVERSATION: positiveInt.default(5),
  /** Longest web chat message text in characters, default 5000 (at most 5000); longer gets 413. */
  WEBCHAT_MAX_TEXT_CHARS: positiveInt.max(5000).default(5000),

  /** Serve /metrics (Prometheus). */
  METRICS_ENABLED: bool.default(true),

  // --- Staff content (hot reload) ---
  /** How edits under LOCALES_DIR are noticed: `events` (default) or `polling` for file systems that send no events. */
  CONTENT_WATCH_MODE: z.enum(['events', 'polling']).default('events'),

  // --- WhatsApp identities (issue 8): phone ↔ BSUID links and number changes ---
  /** A link between a user's phone number and business-scoped user id lives this long after its last use, default 30 days. */
  WHATSAPP_LINK_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
  /** The marker of a number change under way (both numbers) is dropped when the move ends, or after this long, default 7 days. */
  WHATSAPP_MOVE_MARKER_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),

  // --- Redis Cluster (issue 13, scale-out) ---
  /** Seed nodes of a Redis Cluster, comma-separated `host:port`; when set, the stores use it instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((n) => n.trim()).filter((n) => n !== ''))
    .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'each node must be host:port'))),
  /**
   * Slots the inbound queue is spread over, each its own hash tag; default 16 on a cluster, 1 on one Redis.
   * Never change it while messages wait: a conversation's partition would change (drain the queue first).
   */
  INBOUND_PARTITIONS: positiveInt.max(1024).optional(),
  /** ACL user of every cluster node (Redis 6+ `user`); unset = the `default` user. */
  REDIS_CLUSTER_USERNAME: optionalString,
  /** Password of every cluster node (`requirepass`, or the ACL user's); the nodes' `masterauth` must match it. */
  REDIS_CLUSTER_PASSWORD: optionalString,
  /** Talk TLS to every cluster node (their `tls-port`, `tls-cluster yes`), as `rediss://` does for REDIS_URL. */
  REDIS_CLUSTER_TLS: bool.default(false),
  /** PEM file of the CA that signed Redis' certificate, for `rediss://` and REDIS_CLUSTER_TLS; unset = the system's CAs. */
  REDIS_TLS_CA_FILE: optionalString,

  /**
   * Longest pause between two claims of an idle turn worker, in ms, default 1 000. A new message wakes idle
   * workers at once (Redis pub/sub); this bounds what nothing announces (a lease running out, a delayed retry).
   */
  INBOUND_IDLE_POLL_MAX_MS: positiveInt.max(60_000).default(1_000),
});

/** The validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** Example values shown when a variable is wrong. */
const EXAMPLES: Partial<Record<keyof Config, string>> = {
  PORT: '3978',
  HOST: '0.0.0.0',
  PUBLIC_URL: 'https://chat.example.org',
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000,10.0.0.3:7000',
  KEY_PREFIX: 'tdu',
  STATE_TTL_SECONDS: '2592000',
  DEFAULT_LANGUAGE: 'fr',
  LOG_LEVEL: 'info',
  MAX_BODY_BYTES: '65536',
  DIRECTLINE_SECRET: 'a random string of 32+ characters',
  DIRECTLINE_ALLOWED_ORIGINS: 'https://partner.example.org,https://other.example.org',
  WHATSAPP_API_URL: 'https://graph.facebook.com/v23.0',
  METRICS_ENABLED: 'true',
};

/**
 * Parses the environment into a {@link Config}.
 * @throws ConfigError with one line per problem (never a stack trace of zod internals).
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      const example = EXAMPLES[name as keyof Config];
      problems.push(`${name}: ${issue.message}${example ? ` (example: ${name}=${example})` : ''}`);
    }
    throw new ConfigError(problems);
  }
  const config = result.data;
  const wa = [
    'WHATSAPP_VERIFY_TOKEN',
    'WHATSAPP_APP_SECRET',
    'WHATSAPP_PHONE_NUMBER_ID',
    'WHATSAPP_ACCESS_TOKEN',
  ] as const;
  const set = wa.filter((k) => config[k] !== undefined);
  if (set.length > 0 && set.length < wa.length) {
    for (const k of wa.filter((k) => config[k] === undefined)) {
      problems.push(`${k}: missing; the WhatsApp channel needs all of ${wa.join(', ')} (or none)`);
    }
  }
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: missing while MicrosoftAppId is set (example: MicrosoftAppPassword=<client secret>)');
  }
  if (config.WORKERS !== undefined && config.WORKERS > 1 && !config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
    problems.push('WORKERS: more than 1 needs REDIS_URL or REDIS_CLUSTER_NODES (worker threads share the queue and state through Redis) (example: WORKERS=1)');
  }
  if (config.REDIS_TLS_CA_FILE && !readable(config.REDIS_TLS_CA_FILE)) {
    problems.push(`REDIS_TLS_CA_FILE: cannot read ${config.REDIS_TLS_CA_FILE} (example: REDIS_TLS_CA_FILE=/etc/redis/ca.crt)`);
  }
  if ((config.REDIS_CLUSTER_PASSWORD || config.REDIS_CLUSTER_USERNAME || config.REDIS_CLUSTER_TLS) && config.REDIS_CLUSTER_NODES.length === 0) {
    problems.push('REDIS_CLUSTER_PASSWORD, REDIS_CLUSTER_USERNAME and REDIS_CLUSTER_TLS apply to REDIS_CLUSTER_NODES, which is empty (for one server, put them in REDIS_URL: rediss://user:password@host:port)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * How many turn worker threads an instance runs: WORKERS, else the number of cores with Redis (one server or a
 * cluster), else 1. 1 means the turns run in the HTTP (main) thread itself, as on the embedded store.
 */
export function turnProcessCount(config: Pick<Config, 'WORKERS' | 'REDIS_URL'> & Partial<Pick<Config, 'REDIS_CLUSTER_NODES'>>, cores: number): number {
  const redis = Boolean(config.REDIS_URL) || (config.REDIS_CLUSTER_NODES?.length ?? 0) > 0;
  return config.WORKERS ?? (redis ? Math.max(1, cores) : 1);
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when every WhatsApp secret is set. */
export function whatsappEnabled(config: Config): boolean {
  return Boolean(config.WHATSAPP_ACCESS_TOKEN && config.WHATSAPP_APP_SECRET);
}
