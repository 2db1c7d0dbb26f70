import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchRedis } from '../../src/cli/localRedis/redisServerProcess.js';

/** A private redis-server that a test can stop (an outage) and start again on the same port. */
export interface RestartableRedis {
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  down(): Promise<void>;
  /** Starts it again on the same port and waits until it answers PING. */
  up(): Promise<void>;
  /** Stops it for good and removes its directory. */
  dispose(): Promise<void>;
}

/** Starts a redis-server on a free loopback port that can be stopped and restarted. */
export async function startRestartableRedis(): Promise<RestartableRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tdu-redis-restart-'));
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const up = async () => {
    child = await launchRedis(['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes'], port);
  };
  const down = async () => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    await exited;
  };
  await up();
  return {
    url,
    up,
    down,
    dispose: async () => {
      await down();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
