// The turn path of an instance: the bot and each channel's turn handler, on a TurnWorker claiming from the queue.
// Built in every turn worker thread (WORKERS > 1) or in the instance's one thread (WORKERS = 1); it serves no HTTP.
import { hostname } from 'node:os';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { ownButtonValues } from '../../dialogs/commands.js';
import type { Assistant } from '../bot/createAssistantBot.js';
import { BotFrameworkQueueAdapter } from '../channels/botframework/botFrameworkAdapter.js';
import { BOT_FRAMEWORK_CHANNEL, createBotFrameworkTurnHandler, forgetBotFrameworkConversation } from '../channels/botframework/botFrameworkTurns.js';
import { TypingIndicator } from '../channels/webchat/typingIndicator.js';
import { WebChatAdapter } from '../channels/webchat/webChatAdapter.js';
import { createWebChatTurnHandler, forgetWebChatConversation } from '../channels/webchat/webChatTurns.js';
import { WhatsAppAdapter } from '../channels/whatsapp/whatsappAdapter.js';
import type { WhatsAppChannel } from '../channels/whatsapp/whatsappChannel.js';
import type { Config } from '../config/config.js';
import { createHeldReplyDelivery } from '../domain/handoff/heldReplies.js';
import type { HandoffTicket } from '../domain/handoff/handoffTicket.js';
import type { CrashHook } from '../pipeline/crashPoint.js';
import { TurnWorker, type ChannelTurnHandler } from '../pipeline/turnWorker.js';
import { MemoryReplyMarks } from '../stores/memory/memoryReplyMarks.js';
import { RedisReplyMarks } from '../stores/redis/redisReplyMarks.js';
import { buildAssistant, type AssistantDeps } from './buildAssistant.js';
import { buildWhatsApp, handoffMessengerOf, turnDeps, type RouteTarget } from './channelParts.js';
import type { InstanceCore } from './instanceCore.js';

/** Options of {@link buildTurnSide}. */
export interface TurnSideOptions {
  /** Where the WhatsApp webhook routes go: the instance's server with WORKERS=1, nowhere in a thread. */
  readonly routes: RouteTarget;
  readonly model: AssistantDeps['model'];
  /** How to ask for the safety detector's learned layer: the instance from a turn thread, its trainer with WORKERS=1. */
  readonly safetyModel?: AssistantDeps['safetyModel'];
  readonly crash: CrashHook;
  /** The Bot Framework adapter that posts queued turns' replies (the route's, see frontDoor.ts); built here when not given. */
  readonly cloud?: () => Promise<CloudAdapter>;
}

/** The built turn path. */
export interface TurnSide {
  readonly assistant: Assistant;
  readonly whatsapp: WhatsAppChannel | undefined;
  /** Claims from the inbound queue once started. */
  readonly worker: TurnWorker;
}

/** Builds the bot, the channels' turn handlers and the (not yet started) TurnWorker on `core`. */
export async function buildTurnSide(core: InstanceCore, options: TurnSideOptions): Promise<TurnSide> {
  const { config, logger, metrics, queue, stores } = core;
  const webChatAdapter = new WebChatAdapter(core.conversationLog);
  webChatAdapter.use(new TypingIndicator({ delayMs: config.WEBCHAT_TYPING_DELAY_MS, logger }));
  let whatsapp: WhatsAppChannel | undefined; // built below, once the bot exists
  let deliverHeld: ((ticket: HandoffTicket) => Promise<number>) | undefined; // built with the channels' messenger below
  const assistant = await buildAssistant(core, {
    model: options.model,
    ...(options.safetyModel ? { safetyModel: options.safetyModel } : {}),
    deliverHeld: async (ticket) => (await deliverHeld?.(ticket)) ?? 0,
    eraseChannelData: async (context) => {
      if (context.activity.channelId === 'webchat') await forgetWebChatConversation({ adapter: webChatAdapter, queue }, context);
      if (context.activity.channelId === 'whatsapp') await whatsapp?.forget(context.activity.from.id);
      await forgetBotFrameworkConversation(queue, context); // no-op unless the conversation came through /api/messages
    },
  });
  const parts = { bot: assistant.bot, apologise: assistant.apologise, stateKeysOf: assistant.stateKeysOf, crash: options.crash, isOwnCommand: ownButtonValues(core.content.repository), turnAdapter: (o: ConstructorParameters<typeof WhatsAppAdapter>[0]) => new WhatsAppAdapter(o) };
  const turns = turnDeps(core, parts);
  const botFrameworkAdapter = new BotFrameworkQueueAdapter({
    cloud: options.cloud ? await options.cloud() : deferredCloud(() => botFrameworkCloud(config, assistant.onTurnError)),
    appId: config.MicrosoftAppId ?? '',
    marks: stores.redis ? new RedisReplyMarks(stores.redis.client, stores.redis.keys) : new MemoryReplyMarks(),
    markTtlMs: config.TURN_OUTCOME_TTL_SECONDS * 1000,
    onAmbiguousResend: (cause) => metrics?.ambiguousResends.inc({ channel: 'botframework', cause }),
  });
  // No onTurnError on the adapters: failed turns are retried, then dead-lettered with one apology.
  const handlers: Record<string, ChannelTurnHandler> = {
    webchat: createWebChatTurnHandler({ ...turns, adapter: webChatAdapter, bot: assistant.bot }),
    [BOT_FRAMEWORK_CHANNEL]: createBotFrameworkTurnHandler({ ...turns, adapter: botFrameworkAdapter, bot: assistant.bot }),
  };
  whatsapp = buildWhatsApp(core, options.routes, parts);
  if (whatsapp?.handleTurn) handlers.whatsapp = whatsapp.handleTurn;
  if (core.handoffQueue) deliverHeld = createHeldReplyDelivery({ queue: core.handoffQueue, messenger: handoffMessengerOf(core, whatsapp), logger });
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
    crash: options.crash,
    metrics,
    logger,
  });
  return { assistant, whatsapp, worker };
}

/**
 * The Bot Framework adapter, built at the first Bot Framework reply: a thread whose turns are all WhatsApp or web
 * chat never loads the connector behind it (pipeline/deferredBotModules.ts).
 */
function deferredCloud(build: () => CloudAdapter): Pick<CloudAdapter, 'continueConversationAsync'> {
  let cloud: CloudAdapter | undefined;
  const continueConversationAsync = (...args: unknown[]): Promise<void> => {
    cloud ??= build();
    return Reflect.apply(cloud.continueConversationAsync, cloud, args) as Promise<void>;
  };
  return { continueConversationAsync } as Pick<CloudAdapter, 'continueConversationAsync'>;
}

/**
 * The Bot Framework adapter that posts a queued turn's replies to its `serviceUrl`, for a thread without the
 * `/api/messages` route (botFrameworkRoutes.ts builds the same one beside the route).
 */
function botFrameworkCloud(config: Config, onTurnError: CloudAdapter['onTurnError']): CloudAdapter {
  const cloud = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
  } as ConfigurationBotFrameworkAuthenticationOptions));
  cloud.onTurnError = onTurnError; // as on the route's adapter
  return cloud;
}
