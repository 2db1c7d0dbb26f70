import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, launch, terminate } from './redisServer.js';
import { runCommand } from './runCommand.js';

/** A private 3-master Redis Cluster started for tests on free loopback ports, each node in its own temp dir. */
export interface RedisClusterHandle {
  /** Seed nodes as `host:port`, as REDIS_CLUSTER_NODES takes them. */
  readonly nodes: readonly string[];
  stop(): Promise<void>;
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
 * Starts 3 `redis-server --cluster-enabled yes` (AOF on, as production should run), joins them with
 * `redis-cli --cluster create … --cluster-replicas 0`, and resolves once every node says `cluster_state:ok`
 * and knows all 16384 slots (30 s deadline).
 */
export async function startRedisCluster(masters = 3): Promise<RedisClusterHandle> {
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
    await Promise.all(children.map(terminate));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      const dir = join(root, String(port));
      mkdirSync(dir);
      const args = [
        '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '',
        '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction',
        '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000',
      ];
      children.push(await launch(args, `redis://127.0.0.1:${port}`, port));
    }
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    const created = await runCommand('redis-cli', ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes']);
    if (created.code !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
    await waitForClusterOk(ports);
    return { nodes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForClusterOk(ports: readonly number[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  const probes = ports.map((port) => new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 0 }));
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
