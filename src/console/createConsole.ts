import type { Server } from 'restify';
import type { ContentRepository } from '../domain/content/faqEntry.js';
import type { HandoffQueue } from '../domain/handoff/handoffQueue.js';
import type { MediaFetcher, UserMessenger } from '../domain/handoff/userMessenger.js';
import type { Translator } from '../i18n/i18n.js';
import type { AppLogger } from '../observability/logger.js';
import type { StaffStores } from '../stores/createHandoffStores.js';
import { createStaffAuth, type StaffAuth } from './auth/staffAuth.js';
import { registerConsoleEvents } from './consoleEvents.js';
import { registerConsolePage } from './consolePage.js';
import { CONSOLE_API, registerHandoffRoutes } from './handoffRoutes.js';

/** Dependencies of {@link createConsole}. */
export interface ConsoleDeps {
  readonly server: Server;
  readonly queue: HandoffQueue;
  readonly messenger: UserMessenger;
  readonly media?: MediaFetcher;
  readonly staff: StaffStores;
  readonly translator: Translator;
  readonly content: ContentRepository;
  readonly logger: AppLogger;
  readonly publicUrl?: string;
  readonly maxBodyBytes: number;
  /** Idle logout, in ms. */
  readonly idleMs: number;
  /** Audit log lifetime, in ms. */
  readonly auditRetentionMs: number;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
  /** SSE heartbeat (lease renewal, session check) in ms, default a third of the lease. */
  readonly heartbeatMs?: number;
}

/** The running console: its auth (reusable by other staff views) and a function that closes live streams. */
export interface Console {
  readonly auth: StaffAuth;
  readonly closeStreams: () => void;
}

/** Registers the caseworker console: `/console` page and the `/console/api` routes, behind the staff login. */
export function createConsole(deps: ConsoleDeps): Console {
  const logger = deps.logger.child({ part: 'console' });
  const auth = createStaffAuth({
    accounts: deps.staff.accounts,
    sessions: deps.staff.sessions,
    audit: deps.staff.audit,
    limiters: deps.staff.limiters,
    idleMs: deps.idleMs,
    auditRetentionMs: deps.auditRetentionMs,
    publicUrl: deps.publicUrl,
    maxBodyBytes: deps.maxBodyBytes,
    logger,
    now: deps.now,
  });
  auth.registerRoutes(deps.server, CONSOLE_API);
  registerHandoffRoutes(deps.server, {
    queue: deps.queue,
    messenger: deps.messenger,
    media: deps.media,
    auth,
    accounts: deps.staff.accounts,
    translator: deps.translator,
    content: deps.content,
    maxBodyBytes: deps.maxBodyBytes,
    logger,
    now: deps.now,
  });
  const closeStreams = registerConsoleEvents(deps.server, { queue: deps.queue, auth, logger, heartbeatMs: deps.heartbeatMs, now: deps.now });
  registerConsolePage(deps.server, { translator: deps.translator });
  return { auth, closeStreams };
}
