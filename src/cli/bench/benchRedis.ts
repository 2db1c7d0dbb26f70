// A private redis-server for one bench run: free loopback port, temp dir, AOF on (appendfsync everysec, the
// production setting), so the measured stack pays for durability. Started by src/cli/localRedis, as the tests do.
import { Redis } from 'ioredis';
import { startLocalRedis } from '../localRedis/redisServerProcess.js';

export { freePort } from '../localRedis/redisServerProcess.js';

/** A running bench Redis. */
export interface BenchRedis {
  readonly url: string;
  readonly pid: number;
  /** A client for the bench's own reads (INFO, queue depth). */
  readonly client: Redis;
  /** `used_memory` in bytes (INFO memory). */
  usedMemory(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `redis-server` with AOF on and waits until it answers PING. */
export async function startBenchRedis(): Promise<BenchRedis> {
  const server = await startLocalRedis({ maxmemoryPolicy: 'noeviction' });
  const client = new Redis(server.url);
  return {
    url: server.url,
    pid: server.pid,
    client,
    usedMemory: async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? 0),
    stop: async () => {
      client.disconnect();
      await server.stop();
    },
  };
}
