import type { RedisClient } from './redisConnection.js';
import { assertSameShape, DEFAULT_MOVE_MARKER_TTL_SECONDS, type WhatsAppUserMove, type WhatsAppUserRecords } from '../whatsappUserMove.js';
import { moveKeyAcrossSlots } from './redisKeyMove.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link WhatsAppUserMove}, safe on Redis Cluster: the old and new ids are different hash tags, so no
 * script spans both. Each record (state items, contact record, menu) moves by itself, copy then delete
 * (redisKeyMove.ts); the marker is one key under the old id's tag.
 */
export class RedisWhatsAppUserMove implements WhatsAppUserMove {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly markerTtlSeconds = DEFAULT_MOVE_MARKER_TTL_SECONDS,
  ) {}

  async move(from: WhatsAppUserRecords, to: WhatsAppUserRecords): Promise<void> {
    assertSameShape(from, to);
    if (from.waId === to.waId) return;
    const k = this.keys;
    const pairs: Array<[string, string]> = [
      ...from.stateKeys.map((key, i): [string, string] => [k.state(key), k.state(to.stateKeys[i]!)]),
      [k.whatsappContact(from.waId), k.whatsappContact(to.waId)],
      [k.whatsappMenu(from.waId), k.whatsappMenu(to.waId)],
    ];
    for (const [oldKey, newKey] of pairs) await moveKeyAcrossSlots(this.client, oldKey, newKey);
  }

  async begin(oldId: string, newId: string): Promise<void> {
    await this.client.set(this.keys.whatsappMove(oldId), newId, 'EX', this.markerTtlSeconds);
  }

  async pendingTarget(oldId: string): Promise<string | undefined> {
    return (await this.client.get(this.keys.whatsappMove(oldId))) ?? undefined;
  }

  async end(oldId: string): Promise<void> {
    await this.client.del(this.keys.whatsappMove(oldId));
  }
}
