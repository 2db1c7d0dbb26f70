// Private redis-server processes on free loopback ports, for the tests (test/helpers) and `npm run bench`: one
// place that knows how to start, probe and stop them (plain, password-protected or TLS).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';

/** TLS files of a redis-server started here (PEM), e.g. a throwaway CA and a certificate for 127.0.0.1. */
export interface LocalRedisTls {
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
}

/** How clients reach a local redis-server: its password (`requirepass`) and TLS, if any. */
export interface LocalRedisAccess {
  readonly password?: string;
  readonly tls?: LocalRedisTls;
}

/** A private redis-server on a free loopback port, in its own temp dir. */
export interface LocalRedisServer {
  /** `redis://` (or `rediss://` with TLS), with the password when there is one. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server (SIGTERM: it flushes its append-only file) and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of {@link startLocalRedis}. */
export interface LocalRedisOptions extends LocalRedisAccess {
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

/** redis-server arguments for `access`: `requirepass` + `masterauth`, and TLS on `port` instead of plain TCP. */
export function accessArgs(port: number, access: LocalRedisAccess): string[] {
  const args = access.password ? ['--requirepass', access.password, '--masterauth', access.password] : [];
  if (!access.tls) return [...args, '--port', String(port)];
  const { certFile, keyFile, caFile } = access.tls;
  return [
    ...args, '--port', '0', '--tls-port', String(port), '--tls-cert-file', certFile, '--tls-key-file', keyFile,
    '--tls-ca-cert-file', caFile, '--tls-auth-clients', 'no', '--tls-replication', 'yes',
  ];
}

/** ioredis options that reach a server started with `access`. */
export function accessClientOptions(access: LocalRedisAccess): RedisOptions {
  return {
    ...(access.password ? { password: access.password } : {}),
    ...(access.tls ? { tls: { ca: readFileSync(access.tls.caFile) } } : {}),
  };
}

/**
 * Starts `redis-server` (must be on PATH) and waits until it answers PING. By default it runs like production
 * should: append-only file on, fsync every second, no eviction.
 */
export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<LocalRedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tdu-redis-'));
  const args = [
    ...accessArgs(port, options), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
    '--appendonly', options.appendOnly === false ? 'no' : 'yes', '--appendfsync', 'everysec',
    '--maxmemory-policy', options.maxmemoryPolicy ?? 'noeviction',
  ];
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  const url = `${options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`;
  let child = await launchRedis(args, port, options);
  return {
    url,
    port,
    get pid() {
      return child.pid ?? 0;
    },
    restart: async () => {
      await terminateRedis(child);
      child = await launchRedis(args, port, options);
    },
    stop: async () => {
      await terminateRedis(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stops a redis-server with SIGTERM (it flushes its append-only file) and waits until it has exited. */
export async function terminateRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Spawns `redis-server` with `args` and resolves once it answers PING on `port` (10 s deadline). */
export async function launchRedis(args: string[], port: number, access: LocalRedisAccess = {}): Promise<ChildProcess> {
  const child: ChildProcess = spawn('redis-server', args, { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(port, '127.0.0.1', { ...accessClientOptions(access), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {}); // expected while the server starts
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch {
      probe.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start on port ${port} (is it installed?)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return child;
}
