import type { RedisClient } from '../stores/redis/redisConnection.js';
import { GraphClient } from '../channels/whatsapp/graphClient.js';
import { WhatsAppSender } from '../channels/whatsapp/whatsappSender.js';
import { whatsappEnabled, type Config } from '../config/config.js';
import { createLogger } from '../observability/logger.js';
import type { OutboxStore } from '../stores/outboxStore.js';
import type { RedisKeys } from '../stores/redis/redisKeys.js';
import { RedisTokenBucket } from '../stores/redis/redisTokenBucket.js';
import { RedisWhatsAppContacts } from '../stores/redis/redisWhatsAppContacts.js';

/**
 * The WhatsApp sender the staff CLIs (`deadletters`, `outbox`) replay with: the running assistant's contact store
 * (so a replay respects the 24-hour window and records what it sent) and its shared per-number rate limit.
 * Undefined when WhatsApp is not configured.
 */
export function createReplaySender(config: Config, client: RedisClient, keys: RedisKeys, outbox: OutboxStore, name: string): (() => WhatsAppSender) | undefined {
  if (!whatsappEnabled(config)) return undefined;
  const logger = createLogger({ level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, name });
  const contacts = new RedisWhatsAppContacts({ client, keys });
  return () =>
    new WhatsAppSender({
      graph: new GraphClient({ apiUrl: config.WHATSAPP_API_URL, phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID!, accessToken: config.WHATSAPP_ACCESS_TOKEN! }),
      outbox,
      contacts,
      logger,
      ratePerSecond: config.WHATSAPP_RATE_PER_SECOND,
      rateLimiter: new RedisTokenBucket(client, keys.whatsappRate(config.WHATSAPP_PHONE_NUMBER_ID!), config.WHATSAPP_RATE_PER_SECOND),
      parkedTtlMs: config.DEAD_LETTER_TTL_SECONDS * 1000,
    });
}
