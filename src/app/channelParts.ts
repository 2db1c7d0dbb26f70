// The channel parts both sides of an instance build: the WhatsApp channel (its webhook routes on the HTTP side,
// its turn handler on the turn side, its sender on both) and the handoff messenger over the channels.
import type { Server } from 'restify';
import { createHandoffMessenger } from '../channels/handoffMessenger.js';
import { createWebChatNotifier } from '../channels/webchat/webChatNotifier.js';
import { createWhatsAppChannel, type WhatsAppChannel, type WhatsAppChannelDeps } from '../channels/whatsapp/whatsappChannel.js';
import { whatsappEnabled } from '../config/config.js';
import type { OwnCommandCheck } from '../channels/whatsapp/inboundActivity.js';
import type { CrashHook } from '../pipeline/crashPoint.js';
import type { DecidedTurnDeps } from '../pipeline/decidedTurn.js';
import type { InstanceCore } from './instanceCore.js';

/** What a channel runs its turns with; on the HTTP side of an instance whose turns run in threads, {@link NO_TURNS_HERE}. */
export interface TurnParts {
  readonly bot: WhatsAppChannelDeps['bot'];
  readonly apologise: DecidedTurnDeps['apologise'];
  readonly stateKeysOf: WhatsAppChannelDeps['stateKeysOf'];
  readonly crash: CrashHook;
  readonly isOwnCommand?: OwnCommandCheck;
  /** Builds the WhatsApp channel's turn adapter (a botbuilder class): given where turns run only. */
  readonly turnAdapter?: WhatsAppChannelDeps['turnAdapter'];
}

/** What every queued channel's turn handler shares (see decidedTurn.ts). */
export function turnDeps(core: InstanceCore, parts: TurnParts): WhatsAppChannelDeps['turns'] {
  return { outcomes: core.outcomes, state: core.state, apologise: parts.apologise, outcomeTtlMs: core.config.TURN_OUTCOME_TTL_SECONDS * 1000, crash: parts.crash };
}

/** Where the webhook routes go: the instance's HTTP server, or (in a turn worker thread) nowhere. */
export type RouteTarget = Pick<Server, 'get' | 'post'>;

/**
 * A route target that drops what is registered on it: a turn worker thread builds the WhatsApp channel for its
 * turn handler and sender only, and serves no HTTP (restify is not even loaded there).
 */
export function noRoutes(): RouteTarget {
  const drop = (() => undefined) as unknown as RouteTarget['get'];
  return { get: drop, post: drop };
}

const turnsRunElsewhere = (): never => {
  throw new Error('turns run in the turn worker threads (WORKERS > 1), not in this thread');
};

/** The turn parts of the HTTP side when turns run in threads: never called there (it claims nothing from the queue). */
export const NO_TURNS_HERE: TurnParts = {
  bot: { run: async () => turnsRunElsewhere() },
  apologise: async () => turnsRunElsewhere(),
  stateKeysOf: turnsRunElsewhere,
  crash: () => {},
};

/** The WhatsApp channel when it is configured (a number change takes the user's tickets and bookings along). */
export function buildWhatsApp(core: InstanceCore, server: RouteTarget, parts: TurnParts): WhatsAppChannel | undefined {
  const { config, handoffQueue, appointments } = core;
  if (!whatsappEnabled(config)) return undefined;
  const channel = createWhatsAppChannel({
    config, backend: core.stores, queue: core.queue, translator: core.translator, server: server as Server, logger: core.logger, metrics: core.metrics,
    bot: parts.bot, turns: turnDeps(core, parts), stateKeysOf: parts.stateKeysOf, ...(parts.isOwnCommand ? { isOwnCommand: parts.isOwnCommand } : {}),
    ...(parts.turnAdapter ? { turnAdapter: parts.turnAdapter } : {}),
    userRecordMoves: [
      ...(handoffQueue ? [(oldId: string, newId: string) => handoffQueue.moveUser('whatsapp', oldId, newId)] : []),
      (oldId: string, newId: string) => appointments.service.moveUser('whatsapp', oldId, newId),
    ],
  });
  core.logger.info('WhatsApp channel enabled at /api/whatsapp');
  return channel;
}

/** The messenger of caseworker replies and held replies, over web chat and WhatsApp. */
export function handoffMessengerOf(core: InstanceCore, whatsapp: WhatsAppChannel | undefined) {
  const { config } = core;
  const reminderTemplate = config.HANDOFF_REMINDER_TEMPLATE ? { name: config.HANDOFF_REMINDER_TEMPLATE, language: config.HANDOFF_REMINDER_TEMPLATE_LANGUAGE } : undefined;
  return createHandoffMessenger({ webchat: createWebChatNotifier(core.conversationLog), whatsapp, reminderTemplate });
}
