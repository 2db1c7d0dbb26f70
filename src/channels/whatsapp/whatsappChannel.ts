import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from '../../config/config.js';
import type { Translator } from '../../i18n/i18n.js';
import type { AppLogger } from '../../observability/logger.js';
import type { StoreBackend } from '../../stores/createStores.js';
import { MemoryWhatsAppContacts } from '../../stores/memory/memoryWhatsAppContacts.js';
import { RedisWhatsAppContacts } from '../../stores/redis/redisWhatsAppContacts.js';
import type { InboundMessage, InboundQueue } from '../../stores/types.js';
import { registerWhatsAppRoutes } from './whatsappWebhook.js';
import { createWhatsAppOutbound } from './whatsappOutbound.js';
import { createWhatsAppTurnHandler } from './whatsappTurnHandler.js';

/** Dependencies of {@link createWhatsAppChannel}. */
export interface WhatsAppChannelDeps {
  readonly config: Config;
  readonly backend: Pick<StoreBackend, 'redis'>;
  readonly queue: InboundQueue;
  readonly translator: Translator;
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  readonly server: Server;
  readonly logger: AppLogger;
}

/** The built channel: its TurnWorker handler, and what "delete my data" must erase. */
export interface WhatsAppChannel {
  readonly handleTurn: (message: InboundMessage) => Promise<void>;
  /** Erases what the channel keeps about one user (contact record: last message times and ids). */
  readonly forget: (waId: string) => Promise<void>;
}

/**
 * Builds the whole WhatsApp channel on the configured backend: contact store, outbound sender and adapter,
 * the webhook routes, and the TurnWorker handler for channel `whatsapp`.
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): WhatsAppChannel {
  const { config, backend, logger } = deps;
  const contacts = backend.redis ? new RedisWhatsAppContacts({ client: backend.redis.client, keys: backend.redis.keys }) : new MemoryWhatsAppContacts();
  const outbound = createWhatsAppOutbound({ config, backend, contacts, translator: deps.translator, logger });
  outbound.adapter.onTurnError = deps.onTurnError;
  registerWhatsAppRoutes(deps.server, { config, queue: deps.queue, contacts, logger });
  return {
    handleTurn: createWhatsAppTurnHandler({ adapter: outbound.adapter, bot: deps.bot, menuMemory: outbound.menuMemory, contacts, sender: outbound.sender, logger }),
    forget: (waId) => contacts.forget(waId),
  };
}
