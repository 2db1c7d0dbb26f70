// The HTTP side of an instance: Direct Line and the web chat page, /api/messages, the WhatsApp webhook (built by
// the caller), the caseworker console and staff booking views, the handoff watcher and appointment reminders.
// It enqueues turns; it runs none itself unless WORKERS = 1 (then the caller starts a TurnWorker beside it).
import type { CloudAdapter } from 'botbuilder';
import { registerBotFrameworkRoutes } from '../channels/botframework/botFrameworkRoutes.js';
import { createBotFrameworkDispatcher } from '../channels/botframework/botFrameworkTurns.js';
import { routeByChannel } from '../channels/channelNotifier.js';
import { isOriginAllowed, registerDirectLineCors } from '../channels/webchat/directLineCors.js';
import { registerDirectLineRoutes } from '../channels/webchat/directLineRoutes.js';
import { attachDirectLineStream } from '../channels/webchat/directLineStream.js';
import { DirectLineTokens } from '../channels/webchat/directLineTokens.js';
import { registerDirectLineUpload } from '../channels/webchat/directLineUpload.js';
import { createWebChatNotifier } from '../channels/webchat/webChatNotifier.js';
import { registerWebChatPage } from '../channels/webchat/webChatPage.js';
import { createWebChatDispatcher } from '../channels/webchat/webChatTurns.js';
import type { WhatsAppChannel } from '../channels/whatsapp/whatsappChannel.js';
import { registerAppointmentRoutes } from '../console/appointmentRoutes.js';
import { createConsole } from '../console/createConsole.js';
import { ReminderWorker } from '../domain/appointments/reminderWorker.js';
import { StaffBookings } from '../domain/appointments/staffBookings.js';
import { HandoffWatcher } from '../domain/handoff/handoffWatcher.js';
import { createAbuseLimits } from '../http/abuseLimits.js';
import type { HttpServer } from '../http/createHttpServer.js';
import { createStaffStores } from '../stores/createHandoffStores.js';
import { MemoryStreamLeases } from '../stores/memory/memoryStreamLeases.js';
import { RedisStreamLeases } from '../stores/redis/redisStreamLeases.js';
import type { Assistant } from '../bot/createAssistantBot.js';
import { handoffMessengerOf } from './channelParts.js';
import type { InstanceCore } from './instanceCore.js';

/** Dependencies of {@link buildFrontDoor}. */
export interface FrontDoorDeps {
  readonly http: HttpServer;
  readonly whatsapp: WhatsAppChannel | undefined;
}

/** The built HTTP side. */
export interface FrontDoor {
  /** Ends the open streams (Direct Line, console): the first step of a shutdown. */
  closeStreams(): void;
  /** Stops the handoff watcher and the reminders. */
  stop(): Promise<void>;
}

/** Registers every route but /api/messages ({@link registerBotFramework}) on `deps.http` and starts the handoff watcher and the reminders. */
export function buildFrontDoor(core: InstanceCore, deps: FrontDoorDeps): FrontDoor {
  const { config, logger, metrics, stores, queue, translator, conversationLog } = core;
  const server = deps.http.server;
  const tokens = new DirectLineTokens(config.DIRECTLINE_SECRET, config.DIRECTLINE_TOKEN_TTL_SECONDS);
  registerDirectLineCors(server, config.DIRECTLINE_ALLOWED_ORIGINS);
  const webChatDispatch = createWebChatDispatcher(queue);
  const limits = createAbuseLimits({
    redis: stores.redis && { client: stores.redis.client, keyPrefix: stores.redis.keys.rateLimit },
    rules: {
      conversations: { points: config.LIMIT_CONVERSATIONS_PER_ADDRESS, durationSeconds: config.LIMIT_ADDRESS_WINDOW_SECONDS },
      tokens: { points: config.LIMIT_TOKENS_PER_ADDRESS, durationSeconds: config.LIMIT_ADDRESS_WINDOW_SECONDS },
      messages: { points: config.LIMIT_MESSAGES_PER_CONVERSATION_PER_MINUTE, durationSeconds: 60 },
    },
    onLimited: (limit) => metrics?.rateLimited.inc({ limit }),
  });
  registerDirectLineRoutes(server, { log: conversationLog, tokens, dispatch: webChatDispatch, maxBodyBytes: config.MAX_BODY_BYTES, publicUrl: config.PUBLIC_URL, logger, limits, trustProxy: config.TRUST_PROXY, maxTextChars: config.WEBCHAT_MAX_TEXT_CHARS });
  registerDirectLineUpload(server, { log: conversationLog, tokens, dispatch: webChatDispatch, maxUploadBytes: config.DIRECTLINE_UPLOAD_MAX_BYTES, logger, limits });
  const closeDirectLine = attachDirectLineStream(server, {
    log: conversationLog,
    tokens,
    logger,
    allowOrigin: (origin) => isOriginAllowed(config.DIRECTLINE_ALLOWED_ORIGINS, origin),
    maxStreamsPerConversation: config.LIMIT_STREAMS_PER_CONVERSATION,
    // Shared by every instance on one Redis; while Redis is down, counted per instance.
    leases: stores.redis ? new RedisStreamLeases(stores.redis.client, stores.redis.keys, new MemoryStreamLeases()) : new MemoryStreamLeases(),
    onLimited: () => metrics?.rateLimited.inc({ limit: 'streams' }),
  });
  registerWebChatPage(server, { translator, defaultLanguage: config.DEFAULT_LANGUAGE });

  const appointmentNotifier = routeByChannel({ webchat: createWebChatNotifier(conversationLog), whatsapp: deps.whatsapp?.notifier });
  let handoff: { closeStreams(): void; watcher: HandoffWatcher } | undefined;
  if (core.handoffQueue) {
    const messenger = handoffMessengerOf(core, deps.whatsapp);
    const staff = createStaffStores(stores, { perAccount: config.CONSOLE_LOGIN_ATTEMPTS_PER_ACCOUNT, perAddress: config.CONSOLE_LOGIN_ATTEMPTS_PER_ADDRESS, durationSeconds: 900 }, config.STAFF_ACCOUNTS_FILE);
    const { closeStreams, auth } = createConsole({ server, queue: core.handoffQueue, messenger, media: messenger, staff, translator, content: core.content.repository, logger, publicUrl: config.PUBLIC_URL, maxBodyBytes: config.MAX_BODY_BYTES, idleMs: config.CONSOLE_IDLE_MINUTES * 60_000, auditRetentionMs: config.CONSOLE_AUDIT_RETENTION_DAYS * 86_400_000 });
    // Staff booking views sit behind the same console login and audit log.
    const bookings = new StaffBookings({ store: core.appointments.store, points: core.appointments.points, translator, notifier: appointmentNotifier });
    registerAppointmentRoutes(server, { staff: bookings, guard: (handler) => auth.guard(handler), audit: (actor, action, ref, detail) => auth.audit(actor, action, ref, detail), maxBodyBytes: config.MAX_BODY_BYTES, logger });
    const watcher = new HandoffWatcher({ queue: core.handoffQueue, messenger, translator, logger, reminderBeforeMs: config.HANDOFF_REMINDER_BEFORE_MS, autoAssign: config.HANDOFF_AUTO_ASSIGN });
    watcher.start();
    handoff = { closeStreams, watcher };
  }
  const reminders = new ReminderWorker({ ...core.appointments, translator, notifier: appointmentNotifier, logger });
  reminders.start(config.APPOINTMENT_REMINDER_POLL_MS);
  return {
    closeStreams: () => {
      closeDirectLine();
      handoff?.closeStreams();
    },
    stop: async () => {
      await handoff?.watcher.stop();
      await reminders.stop();
    },
  };
}

/**
 * Registers /api/messages; returns a getter of its Bot Framework adapter (which posts queued turns' replies too;
 * botbuilder is loaded when it is first asked for, or at the first request). `directTurns`
 * is the bot for the activities answered in the response (`expectReplies`, `invoke`), which do not go through the
 * queue: with WORKERS > 1 it is built in the main thread on the first such request only.
 */
export function registerBotFramework(core: InstanceCore, http: HttpServer, directTurns: () => Promise<Pick<Assistant, 'bot' | 'onTurnError'>>): () => Promise<CloudAdapter> {
  // /api/messages turns go through the inbound queue too; only those answered in the response run directly.
  return registerBotFrameworkRoutes(http.server, {
    config: core.config,
    bot: { run: async (context) => (await directTurns()).bot.run(context) },
    onTurnError: async (context, error) => (await directTurns()).onTurnError(context, error),
    logger: core.logger,
    dispatch: createBotFrameworkDispatcher(core.queue),
  });
}
