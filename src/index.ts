// Composition root: reads config, builds stores → domain → bot → channels → HTTP, and handles shutdown.
// It holds no logic; every part takes its dependencies as arguments.
import { availableParallelism, hostname } from 'node:os';
import { createAssistantBot } from './bot/createAssistantBot.js';
import { registerBotFrameworkRoutes } from './channels/botframework/botFrameworkRoutes.js';
import { BotFrameworkQueueAdapter } from './channels/botframework/botFrameworkAdapter.js';
import { BOT_FRAMEWORK_CHANNEL, createBotFrameworkDispatcher, createBotFrameworkTurnHandler, forgetBotFrameworkConversation } from './channels/botframework/botFrameworkTurns.js';
import { isOriginAllowed, registerDirectLineCors } from './channels/webchat/directLineCors.js';
import { registerDirectLineRoutes } from './channels/webchat/directLineRoutes.js';
import { attachDirectLineStream } from './channels/webchat/directLineStream.js';
import { registerDirectLineUpload } from './channels/webchat/directLineUpload.js';
import { DirectLineTokens } from './channels/webchat/directLineTokens.js';
import { TypingIndicator } from './channels/webchat/typingIndicator.js';
import { WebChatAdapter } from './channels/webchat/webChatAdapter.js';
import { registerWebChatPage } from './channels/webchat/webChatPage.js';
import { createWebChatDispatcher, createWebChatTurnHandler, forgetWebChatConversation } from './channels/webchat/webChatTurns.js';
import { createWhatsAppChannel, type WhatsAppChannel } from './channels/whatsapp/whatsappChannel.js';
import { ownButtonValues } from '../dialogs/commands.js';
import { loadConfig, turnProcessCount, whatsappEnabled, type Config } from './config/config.js';
import { ConfigError } from './config/configError.js';
import { readEnvironment } from './config/readEnvironment.js';
import { routeByChannel } from './channels/channelNotifier.js';
import { createWebChatNotifier } from './channels/webchat/webChatNotifier.js';
import { createAppointments } from './domain/appointments/createAppointments.js';
import { ReminderWorker } from './domain/appointments/reminderWorker.js';
import { createContentStore } from './domain/content/contentRepository.js';
import { liveUnderstander, MODEL_REQUEST, ModelTrainer } from './domain/nlu/sharedModel.js';
import { buildSafetyDetector } from './domain/safety/learnedSafetyLayer.js';
import { createHttpServer } from './http/createHttpServer.js';
import { createTranslator } from './i18n/i18n.js';
import { createLogger } from './observability/logger.js';
import { createMetrics } from './observability/metrics.js';
import { installLastResortHandlers } from './observability/lastResortHandler.js';
import { isStoreUnavailableError } from './stores/storeUnavailable.js';
import { createAbuseLimits } from './http/abuseLimits.js';
import { createInboundQueue } from './pipeline/createInboundQueue.js';
import { crashHook } from './pipeline/crashPoint.js';
import { TurnWorker, type ChannelTurnHandler } from './pipeline/turnWorker.js';
import { turnThreadPort } from './pipeline/turnThreadPort.js';
import { TurnThreads } from './pipeline/turnThreads.js';
import { aggregatedMetrics } from './observability/aggregatedMetrics.js';
import { BufferedStateStorage } from './stores/bufferedStateStorage.js';
import { createTurnOutcomeStore } from './stores/createTurnOutcomeStore.js';
import { enforceRedisDurability } from './stores/redis/redisDurability.js';
import { createStores } from './stores/createStores.js';
import { redisTargetOf } from './stores/redis/redisConnection.js';
import { MemoryUnansweredLog } from './stores/memory/memoryUnansweredLog.js';
import { RedisUnansweredLog } from './stores/redis/redisUnansweredLog.js';
import { MemoryConversationLog } from './stores/memory/memoryConversationLog.js';
import { RedisConversationLog } from './stores/redis/redisConversationLog.js';
import { MemoryStreamLeases } from './stores/memory/memoryStreamLeases.js';
import { RedisStreamLeases } from './stores/redis/redisStreamLeases.js';
import { MemoryReplyMarks } from './stores/memory/memoryReplyMarks.js';
import { RedisReplyMarks } from './stores/redis/redisReplyMarks.js';
import { createHandoffMessenger } from './channels/handoffMessenger.js';
import { registerAppointmentRoutes } from './console/appointmentRoutes.js';
import { createConsole } from './console/createConsole.js';
import { StaffBookings } from './domain/appointments/staffBookings.js';
import { HandoffQueue } from './domain/handoff/handoffQueue.js';
import { HandoffWatcher } from './domain/handoff/handoffWatcher.js';
import { createHeldReplyDelivery } from './domain/handoff/heldReplies.js';
import type { HandoffTicket } from './domain/handoff/handoffTicket.js';
import { parseOfficeHours } from './domain/handoff/officeHours.js';
import { createHandoffStore, createStaffStores } from './stores/createHandoffStores.js';

function readConfig(): Config {
  try {
    return loadConfig(readEnvironment());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  // A turn worker thread (started by its instance) only runs turns; with WORKERS > 1 the instance's main thread
  // runs none and only serves HTTP.
  const thread = turnThreadPort();
  const isWorker = thread !== undefined;
  const workerCount = isWorker ? 1 : turnProcessCount(config, availableParallelism());
  const logger = thread ? createLogger({ level: config.LOG_LEVEL }).child({ thread: thread.threadId }) : createLogger({ level: config.LOG_LEVEL });
  // A thread's process metrics would repeat the main thread's: only its own counters go to /metrics.
  const metrics = config.METRICS_ENABLED ? createMetrics({ defaults: !isWorker }) : undefined;
  installLastResortHandlers({ logger, counter: metrics?.uncaughtErrors });

  const stores = createStores({ redis: redisTargetOf(config), keyPrefix: config.KEY_PREFIX, stateTtlSeconds: config.STATE_TTL_SECONDS });
  logger.info({ store: stores.kind }, stores.kind === 'redis' ? 'using Redis' : 'using the embedded in-memory store (data is lost on restart)');
  const conversationLog = stores.redis
    ? new RedisConversationLog(stores.redis.client, stores.redis.keys, config.STATE_TTL_SECONDS)
    : new MemoryConversationLog(config.STATE_TTL_SECONDS);
  if (stores.redis) await enforceRedisDurability(stores.redis.client, { require: config.REDIS_REQUIRE_DURABLE, warn: (d, m) => logger.warn(d, m) });
  const queue = createInboundQueue(stores, {
    maxDepth: config.INBOUND_QUEUE_MAX_DEPTH,
    maxDepthByChannel: { webchat: config.WEBCHAT_QUEUE_MAX_DEPTH },
    deadLetterTtlSeconds: config.DEAD_LETTER_TTL_SECONDS,
    partitions: config.INBOUND_PARTITIONS,
    idlePollMaxMs: config.INBOUND_IDLE_POLL_MAX_MS,
  });
  // Queued turns hold their state writes back until their replies are stored with them (decidedTurn.ts).
  const state = new BufferedStateStorage(stores.stateStorage);
  const unanswered = stores.redis ? new RedisUnansweredLog(stores.redis.client, stores.redis.keys) : new MemoryUnansweredLog();

  const translator = await createTranslator(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  const content = createContentStore({ localesDir: config.LOCALES_DIR, logger, watchMode: config.CONTENT_WATCH_MODE });
  // The supervised model is trained from the content at start-up and on every hot reload (under a second on a
  // quiet machine), once per content version: the main thread trains, its worker threads get the weights.
  const nluOptions = { matcher: { defaultLanguage: config.DEFAULT_LANGUAGE } };
  const trainer = thread ? undefined : new ModelTrainer(nluOptions, (model) => logger.info({ examples: model.examples, trainingMs: Math.round(model.trainingMs) }, 'language model trained'));
  // A thread waits up to 120 s for its instance's model before training its own (training takes seconds under load).
  const request = thread && ((body: unknown) => thread.request(MODEL_REQUEST, body, 120_000));
  const matcher = await liveUnderstander({ content, options: nluOptions, logger, ...(trainer ? { trainer } : {}), ...(request ? { request } : {}) });
  // The safety detector's learned layer is small and trains in each thread (about a second), not shared.
  let safety = buildSafetyDetector(content.current());
  content.onChange((snapshot) => (safety = buildSafetyDetector(snapshot)));

  const webChatAdapter = new WebChatAdapter(conversationLog);
  webChatAdapter.use(new TypingIndicator({ delayMs: config.WEBCHAT_TYPING_DELAY_MS, logger }));
  const appointments = createAppointments({ file: config.ORIENTATION_POINTS_FILE, localesDir: config.LOCALES_DIR, backend: stores, logger, watchMode: config.CONTENT_WATCH_MODE });
  const handoffQueue = config.HANDOFF_ENABLED
    ? new HandoffQueue({ store: createHandoffStore(stores), leaseMs: config.HANDOFF_LEASE_MS, silentMs: config.HANDOFF_SILENT_MS, capacity: config.HANDOFF_CAPACITY, windowSoonMs: config.HANDOFF_WINDOW_SOON_MS, retentionMs: config.HANDOFF_RETENTION_DAYS * 86_400_000 })
    : undefined;
  const officeHours = config.HANDOFF_OFFICE_HOURS.trim() ? parseOfficeHours(config.HANDOFF_OFFICE_HOURS, config.HANDOFF_CLOSED_DATES) : undefined;

  let whatsapp: WhatsAppChannel | undefined; // built below, once the bot exists
  let deliverHeld: ((ticket: HandoffTicket) => Promise<number>) | undefined; // built with the channels' messenger below
  const assistant = createAssistantBot({
    storage: state,
    translator,
    understander: matcher,
    safety: () => safety,
    metrics,
    content: content.repository,
    unanswered,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    logger,
    appointments: appointments.service,
    handoff: handoffQueue && { queue: handoffQueue, officeHours, deliverHeld: async (ticket) => deliverHeld?.(ticket) },
    eraseChannelData: async (context) => {
      if (context.activity.channelId === 'webchat') await forgetWebChatConversation({ adapter: webChatAdapter, queue }, context);
      if (context.activity.channelId === 'whatsapp') await whatsapp?.forget(context.activity.from.id);
      await forgetBotFrameworkConversation(queue, context); // no-op unless the conversation came through /api/messages
    },
  });

  let turnThreads: TurnThreads | undefined; // started below, once everything is wired
  const turnWorkersReady = async () => {
    if (turnThreads && !turnThreads.ready) throw new Error('turn worker threads still starting');
  };
  // /metrics counts the turns of the worker threads too (each keeps its own counters; they are summed per scrape).
  const served = metrics && (workerCount > 1 ? aggregatedMetrics(metrics.registry, async () => (turnThreads ? turnThreads.collect('metrics') : [])) : metrics.registry);
  const http = createHttpServer({ logger, readiness: [{ name: 'store', check: () => stores.ping() }, { name: 'turnWorkers', check: turnWorkersReady }], metrics: served, isUnavailable: isStoreUnavailableError });
  // No onTurnError on the web chat adapter: failed turns are retried, then dead-lettered with one apology.
  // With worker threads, only the first thread of slot 0 gets the crash point (turnThreads.ts), so a test sees one die and come back.
  const crash = crashHook(thread ? thread.data.crashAt : config.TEST_CRASH_AT);
  const turns = { outcomes: createTurnOutcomeStore(stores), state, apologise: assistant.apologise, outcomeTtlMs: config.TURN_OUTCOME_TTL_SECONDS * 1000, crash };
  const tokens = new DirectLineTokens(config.DIRECTLINE_SECRET, config.DIRECTLINE_TOKEN_TTL_SECONDS);
  registerDirectLineCors(http.server, config.DIRECTLINE_ALLOWED_ORIGINS);
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
  registerDirectLineRoutes(http.server, { log: conversationLog, tokens, dispatch: webChatDispatch, maxBodyBytes: config.MAX_BODY_BYTES, publicUrl: config.PUBLIC_URL, logger, limits, trustProxy: config.TRUST_PROXY, maxTextChars: config.WEBCHAT_MAX_TEXT_CHARS });
  registerDirectLineUpload(http.server, { log: conversationLog, tokens, dispatch: webChatDispatch, maxUploadBytes: config.DIRECTLINE_UPLOAD_MAX_BYTES, logger, limits });
  const closeStreams = attachDirectLineStream(http.server, {
    log: conversationLog,
    tokens,
    logger,
    allowOrigin: (origin) => isOriginAllowed(config.DIRECTLINE_ALLOWED_ORIGINS, origin),
    maxStreamsPerConversation: config.LIMIT_STREAMS_PER_CONVERSATION,
    // Shared by every instance on one Redis; while Redis is down, counted per instance.
    leases: stores.redis ? new RedisStreamLeases(stores.redis.client, stores.redis.keys, new MemoryStreamLeases()) : new MemoryStreamLeases(),
    onLimited: () => metrics?.rateLimited.inc({ limit: 'streams' }),
  });
  registerWebChatPage(http.server, { translator, defaultLanguage: config.DEFAULT_LANGUAGE });
  // /api/messages turns go through the inbound queue too; only those answered in the response run directly.
  const botFrameworkCloud = registerBotFrameworkRoutes(http.server, { config, bot: assistant.bot, onTurnError: assistant.onTurnError, logger, dispatch: createBotFrameworkDispatcher(queue) });
  const botFrameworkAdapter = new BotFrameworkQueueAdapter({
    cloud: botFrameworkCloud,
    appId: config.MicrosoftAppId ?? '',
    marks: stores.redis ? new RedisReplyMarks(stores.redis.client, stores.redis.keys) : new MemoryReplyMarks(),
    markTtlMs: config.TURN_OUTCOME_TTL_SECONDS * 1000,
    onAmbiguousResend: (cause) => metrics?.ambiguousResends.inc({ channel: 'botframework', cause }),
  });

  const handlers: Record<string, ChannelTurnHandler> = {
    webchat: createWebChatTurnHandler({ ...turns, adapter: webChatAdapter, bot: assistant.bot }),
    [BOT_FRAMEWORK_CHANNEL]: createBotFrameworkTurnHandler({ ...turns, adapter: botFrameworkAdapter, bot: assistant.bot }),
  };
  if (whatsappEnabled(config)) {
    whatsapp = createWhatsAppChannel({
      config, backend: stores, queue, translator, bot: assistant.bot, turns, server: http.server, logger,
      metrics, stateKeysOf: assistant.stateKeysOf, isOwnCommand: ownButtonValues(content.repository),
      // A number change takes the user's tickets and bookings along (the channel moves its own records).
      userRecordMoves: [
        ...(handoffQueue ? [(oldId: string, newId: string) => handoffQueue.moveUser('whatsapp', oldId, newId)] : []),
        (oldId: string, newId: string) => appointments.service.moveUser('whatsapp', oldId, newId),
      ],
    });
    handlers.whatsapp = whatsapp.handleTurn;
    logger.info('WhatsApp channel enabled at /api/whatsapp');
  }
  const appointmentNotifier = routeByChannel({ webchat: createWebChatNotifier(conversationLog), whatsapp: whatsapp?.notifier });
  let handoff: { closeStreams(): void; watcher: HandoffWatcher } | undefined;
  if (handoffQueue) {
    const reminderTemplate = config.HANDOFF_REMINDER_TEMPLATE ? { name: config.HANDOFF_REMINDER_TEMPLATE, language: config.HANDOFF_REMINDER_TEMPLATE_LANGUAGE } : undefined;
    const messenger = createHandoffMessenger({ webchat: createWebChatNotifier(conversationLog), whatsapp, reminderTemplate });
    deliverHeld = createHeldReplyDelivery({ queue: handoffQueue, messenger, logger });
    const staff = createStaffStores(stores, { perAccount: config.CONSOLE_LOGIN_ATTEMPTS_PER_ACCOUNT, perAddress: config.CONSOLE_LOGIN_ATTEMPTS_PER_ADDRESS, durationSeconds: 900 }, config.STAFF_ACCOUNTS_FILE);
    const { closeStreams: closeConsole, auth } = createConsole({ server: http.server, queue: handoffQueue, messenger, media: messenger, staff, translator, content: content.repository, logger, publicUrl: config.PUBLIC_URL, maxBodyBytes: config.MAX_BODY_BYTES, idleMs: config.CONSOLE_IDLE_MINUTES * 60_000, auditRetentionMs: config.CONSOLE_AUDIT_RETENTION_DAYS * 86_400_000 });
    // Staff booking views sit behind the same console login and audit log.
    const bookings = new StaffBookings({ store: appointments.store, points: appointments.points, translator, notifier: appointmentNotifier });
    registerAppointmentRoutes(http.server, { staff: bookings, guard: (handler) => auth.guard(handler), audit: (actor, action, ref, detail) => auth.audit(actor, action, ref, detail), maxBodyBytes: config.MAX_BODY_BYTES, logger });
    const watcher = new HandoffWatcher({ queue: handoffQueue, messenger, translator, logger, reminderBeforeMs: config.HANDOFF_REMINDER_BEFORE_MS, autoAssign: config.HANDOFF_AUTO_ASSIGN });
    if (!isWorker) watcher.start();
    handoff = { closeStreams: closeConsole, watcher };
  }

  const worker = new TurnWorker({
    queue,
    handlers,
    workerId: `${hostname()}:${process.pid}`,
    concurrency: config.TURN_CONCURRENCY,
    sendConcurrency: config.SEND_CONCURRENCY,
    leaseMs: config.INBOUND_LEASE_MS,
    maxDeliveries: config.TURN_MAX_ATTEMPTS,
    retryDelayMs: config.TURN_RETRY_DELAY_MS,
    idleWaitMs: config.INBOUND_IDLE_POLL_MAX_MS,
    crash,
    metrics,
    logger,
  });
  turnThreads = workerCount > 1
    ? new TurnThreads({
        count: workerCount, entry: process.argv[1]!, env: { ...process.env }, logger, crashAt: config.TEST_CRASH_AT,
        youngGenerationMb: config.TURN_THREAD_YOUNG_GEN_MB,
        onRequest: async (kind, body) => (kind === MODEL_REQUEST ? trainer?.answer(body) : undefined),
      })
    : undefined;
  if (turnThreads) turnThreads.start();
  else worker.start();
  // Tells the instance this thread claims now, so its /readyz can say ready.
  thread?.ready();
  let workerStopping = false;
  const stopWorkerThread = async (reason: string) => {
    if (workerStopping) return;
    workerStopping = true;
    logger.info({ reason }, 'turn worker thread stopping: finishing turns and deliveries in flight');
    await worker.stop();
    content.close();
    appointments.close();
    await conversationLog.close();
    await handoffQueue?.shutdown();
    await stores.close();
    process.exit(0); // in a thread: ends this thread only
  };
  if (thread) {
    logger.info({ worker: thread.data.slot }, 'turn worker thread running');
    // Signals reach the main thread only; it asks each thread to stop (TurnThreads.stop).
    thread.listen({
      onStop: () => stopWorkerThread('instance stopping'),
      collect: async (kind) => (kind === 'metrics' ? metrics?.registry.getMetricsAsJSON() : undefined),
    });
    return;
  }
  const reminders = new ReminderWorker({
    ...appointments,
    translator,
    notifier: appointmentNotifier,
    logger,
  });
  reminders.start(config.APPOINTMENT_REMINDER_POLL_MS);

  await new Promise<void>((resolve) => http.server.listen(config.PORT, config.HOST, () => resolve()));
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.info({ port: config.PORT, turnWorkers: turnThreads ? workerCount : 'in process' }, 'listening');
  process.stdout.write(`Trait d'Union is running. Web chat: ${base}/\n`);
  if (handoffQueue) process.stdout.write(`Caseworker console: ${base}/console (add an account: npm run caseworker -- add <username>)\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work, finishing turns in flight');
    http.drain();
    closeStreams();
    handoff?.closeStreams();
    await handoff?.watcher.stop();
    await http.close();
    await (turnThreads ? turnThreads.stop() : worker.stop());
    await reminders.stop();
    content.close();
    appointments.close();
    await conversationLog.close();
    await handoffQueue?.shutdown();
    await stores.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: Error) => {
  process.stderr.write(`Trait d'Union could not start: ${err.name}: ${err.message}\n`);
  process.exit(1);
});
