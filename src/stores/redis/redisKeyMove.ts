import type { RedisClient } from './redisConnection.js';

/**
 * Moves one key to another name that may live on another Redis Cluster slot, in two single-key steps:
 * `RESTORE` of a `DUMP` under the new name (keeping the remaining lifetime; refused with BUSYKEY when the new
 * name already exists, which then wins), then `DEL` of the old name. A crash between the two leaves both and the
 * next call finishes the job; a call when the old key is gone does nothing. Returns whether a copy was made.
 */
export async function moveKeyAcrossSlots(client: RedisClient, oldKey: string, newKey: string): Promise<boolean> {
  if (oldKey === newKey) return false;
  const dump = await client.dumpBuffer(oldKey);
  if (dump === null) return false;
  const ttl = await client.pttl(oldKey);
  if (ttl === -2) return false; // expired between the two reads
  let copied = true;
  try {
    await client.restore(newKey, ttl > 0 ? ttl : 0, dump);
  } catch (err) {
    if (!String((err as Error).message).startsWith('BUSYKEY')) throw err;
    copied = false;
  }
  await client.del(oldKey);
  return copied;
}
