import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isCluster, type RedisClient } from '../../../src/stores/redis/redisConnection.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../../helpers/redisClients.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

type CountedSocket = Redis['stream'] & { _write: (...a: unknown[]) => void; _writev?: (...a: unknown[]) => void };

/** The sockets of `client`'s connections (each master's on a cluster), once connected. */
async function socketsOf(client: RedisClient): Promise<CountedSocket[]> {
  await client.ping();
  if (!isCluster(client)) return [client.stream as CountedSocket];
  // One command per master, so each has connected.
  const masters = client.nodes('master');
  await Promise.all(masters.map((node) => node.ping()));
  return masters.map((node) => node.stream as CountedSocket);
}

/** Counts the writes that reach each socket's transport (one per `_write` or `_writev`, i.e. per syscall). */
function countWrites(sockets: CountedSocket[]): () => number {
  let writes = 0;
  for (const socket of sockets) {
    const write = socket._write.bind(socket);
    socket._write = (...a: unknown[]) => (writes++, write(...a));
    const writev = socket._writev?.bind(socket);
    if (writev) socket._writev = (...a: unknown[]) => (writes++, writev(...a));
  }
  return () => writes;
}

describe.each(REDIS_TOPOLOGIES)('write coalescing of the app client on %s', (topology) => {
  it('sends the commands of one pass of the event loop in one socket write per connection, answered each its own and in order', async () => {
    const client = testRedisClient(topology);
    const sockets = await socketsOf(client);
    const writes = countWrites(sockets);
    const prefix = uniquePrefix('coalesce');
    const keys = Array.from({ length: 20 }, (_, i) => `${prefix}:{k${i}}`);
    // A SET and the GET after it in the same pass: the GET sees the SET (order kept on the connection).
    const answers = await Promise.all(keys.flatMap((key, i) => [client.set(key, String(i), 'EX', 60), client.get(key)]));
    expect(answers).toEqual(keys.flatMap((_, i) => ['OK', String(i)]));
    // 40 commands: one write per connection (a cluster spreads the keys over its 3 masters), not one per command.
    expect(writes()).toBeLessThanOrEqual(sockets.length);
  });

  it.runIf(topology === 'redis')('coalesces on the new socket after a reconnect too', async () => {
    const client = testRedisClient(topology);
    if (isCluster(client)) return;
    await client.ping();
    const before = client.stream;
    const reconnected = new Promise((resolve) => client.once('ready', resolve));
    client.disconnect(true);
    await reconnected;
    expect(client.stream).not.toBe(before);
    const writes = countWrites(await socketsOf(client));
    await Promise.all(Array.from({ length: 10 }, () => client.ping()));
    expect(writes()).toBe(1);
  });
});
