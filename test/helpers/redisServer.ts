import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** A private redis-server started for tests on a free loopback port, in its own temp dir. */
export interface RedisServerHandle {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM: it flushes its append-only file) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface RedisServerOptions {
  /** Append-only file on (`appendonly yes`, `appendfsync everysec`), as production should run; default true. */
  readonly appendOnly?: boolean;
  /** `maxmemory-policy`, default `noeviction`. */
  readonly maxmemoryPolicy?: string;
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

/**
 * Starts `redis-server` (must be on PATH; `npm test` checks) and waits until it answers PING. By default it
 * runs like production should: append-only file on, fsync every second, no eviction.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tdu-redis-'));
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
    '--appendonly', options.appendOnly === false ? 'no' : 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', options.maxmemoryPolicy ?? 'noeviction',
  ];
  const url = `redis://127.0.0.1:${port}`;
  let child = await launch(args, url, port);
  return {
    url,
    port,
    restart: async () => {
      await terminate(child);
      child = await launch(args, url, port);
    },
    stop: async () => {
      await terminate(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops a redis-server with SIGTERM (it flushes its append-only file) and waits until it has exited. */
export async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Spawns `redis-server` with `args` and resolves once it answers PING at `url` (10 s deadline). */
export async function launch(args: string[], url: string, port: number): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {}); // expected while the server starts
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return child;
}
