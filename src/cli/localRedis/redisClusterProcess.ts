// A private Redis Cluster of local redis-server processes, for the tests (test/helpers) and `npm run bench`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { accessArgs, accessClientOptions, freePort, launchRedis, terminateRedis, type LocalRedisAccess } from './redisServerProcess.js';

/** A private Redis Cluster started on free loopback ports, each node in its own temp dir. */
export interface LocalRedisCluster {
  /** Seed nodes as `host:port`, as REDIS_CLUSTER_NODES takes them. */
  readonly nodes: readonly string[];
  /** Process ids of the nodes (for CPU and memory figures). */
  readonly pids: readonly number[];
  stop(): Promise<void>;
}

/** Options of {@link startLocalRedisCluster}: its size, and the password (`requirepass` + `masterauth`) and TLS of every node. */
export interface LocalRedisClusterOptions extends LocalRedisAccess {
  /** Masters, default 3 (no replicas). */
  readonly masters?: number;
}

/** Whether `port` can be bound on 127.0.0.1 right now. */
function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = await freePort();
    if (port + 10_000 > 65_535 || taken.has(port) || taken.has(port + 10_000)) continue;
    if (await canBind(port + 10_000)) return port;
  }
  throw new Error('no free port pair for a Redis Cluster node');
}

/**
 * Starts `masters` × `redis-server --cluster-enabled yes` (AOF on, as production should run), joins them with
 * `redis-cli --cluster create … --cluster-replicas 0`, and resolves once every node says `cluster_state:ok`
 * and knows all 16384 slots (30 s deadline). With TLS the nodes talk TLS to clients and to each other
 * (`tls-cluster yes`), so the slot map they hand out names their TLS ports.
 */
export async function startLocalRedisCluster(options: LocalRedisClusterOptions = {}): Promise<LocalRedisCluster> {
  const masters = options.masters ?? 3;
  const root = mkdtempSync(join(tmpdir(), 'tdu-redis-cluster-'));
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) {
    const port = await freeClusterPort(taken);
    taken.add(port).add(port + 10_000);
    ports.push(port);
  }
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(terminateRedis));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const dir = join(root, String(port));
      mkdirSync(dir);
      const args = [
        ...accessArgs(port, options), ...(options.tls ? ['--tls-cluster', 'yes'] : []),
        '--bind', '127.0.0.1', '--dir', dir, '--save', '',
        '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000',
      ];
      children.push(await launchRedis(args, port, options));
    }
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    const cliAccess = options.tls ? ['--tls', '--cacert', options.tls.caFile] : [];
    const created = await redisCli([...cliAccess, '--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], options.password);
    if (created.code !== 0) throw new Error(`redis-cli --cluster create failed: ${created.output}`);
    await waitForClusterOk(ports, options);
    return { nodes, pids: children.map((c) => c.pid ?? 0), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs redis-cli to completion; the password goes in REDISCLI_AUTH, never on the command line. */
function redisCli(args: string[], password: string | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...(password ? { REDISCLI_AUTH: password } : {}) };
    const child = spawn('redis-cli', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function waitForClusterOk(ports: readonly number[], access: LocalRedisAccess): Promise<void> {
  const deadline = Date.now() + 30_000;
  const probes = ports.map((port) => new Redis(port, '127.0.0.1', { ...accessClientOptions(access), maxRetriesPerRequest: 0 }));
  try {
    for (;;) {
      const infos = await Promise.all(probes.map((p) => p.call('CLUSTER', 'INFO') as Promise<string>));
      if (infos.every((info) => /cluster_state:ok/.test(info) && /cluster_slots_ok:16384/.test(info) && new RegExp(`cluster_known_nodes:${ports.length}\\b`).test(info))) return;
      if (Date.now() > deadline) throw new Error(`Redis Cluster not ok after 30 s: ${infos.join(' | ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    for (const p of probes) p.disconnect();
  }
}
