// A private redis-server for one bench run: free loopback port, temp dir, AOF on (appendfsync everysec, the
// production setting), so the measured stack pays for durability. Mirrors test/helpers/redisServer.ts
// (the bench does not depend on test code).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

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

/** Finds a free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `redis-server` with AOF on and waits until it answers PING. */
export async function startBenchRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tdu-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  let client: Redis | undefined;
  while (!client) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {}); // expected while the server starts
    try {
      await probe.connect();
      await probe.ping();
      client = probe;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port} (is it installed?)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const ready = client;
  return {
    url,
    pid: child.pid ?? 0,
    client: ready,
    usedMemory: async () => Number(/used_memory:(\d+)/.exec(await ready.info('memory'))?.[1] ?? 0),
    stop: async () => {
      ready.disconnect();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
