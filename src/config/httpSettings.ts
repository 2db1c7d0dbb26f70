// The HTTP service: where it listens, logs, content, Bot Framework and Direct Line, web chat clients, flood limits, metrics
// Part of the one schema of the assistant's settings (config.ts); `.env.example` documents each variable.
import { z } from 'zod';
import { port, positiveInt, optionalString, bool } from './configFields.js';

/** The HTTP service (see config.ts). */
export const HTTP_SETTINGS = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port, default 3978 (the Bot Framework convention). */
  PORT: port.default(3978),
  /** Interface to listen on, default 0.0.0.0. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Public base URL used in printed links and Direct Line stream URLs, e.g. https://chat.example.org. */
  PUBLIC_URL: z.url().optional().or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

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
};
