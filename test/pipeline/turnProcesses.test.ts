import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { TurnProcesses } from '../../src/pipeline/turnProcesses.js';
import { waitFor } from '../helpers/appProcess.js';

const ENTRY = 'test/fixtures/processes/idleWorker.mjs';
const running: TurnProcesses[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()));
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function start(count: number) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const processes = new TurnProcesses({ count, entry: ENTRY, execArgv: [], env: { PATH: process.env.PATH ?? '' }, logger: createLogger({ level: 'info' }, destination), restartDelayMs: 50 });
  running.push(processes);
  processes.start();
  return { processes, lines };
}

describe('TurnProcesses', () => {
  it('keeps `count` worker processes running, starting another in place of one killed with SIGKILL', async () => {
    const { processes, lines } = start(2);
    await waitFor(() => processes.pids.length === 2 && processes.ready, 20_000, 'two workers ready');
    const [victim, other] = processes.pids as [number, number];
    process.kill(victim, 'SIGKILL');
    await waitFor(() => processes.pids.length === 2 && !processes.pids.includes(victim), 20_000, 'a replacement');
    await waitFor(() => processes.ready, 20_000, 'the replacement ready');
    expect(processes.pids).toContain(other);
    expect(lines.some((l) => l.includes('turn worker process died') && l.includes('"signal":"SIGKILL"'))).toBe(true);
  });

  it('stop() sends SIGTERM to every worker and waits until each has exited, without restarting them', async () => {
    const { processes, lines } = start(2);
    await waitFor(() => processes.pids.length === 2 && processes.ready, 20_000, 'two workers ready');
    const pids = processes.pids;
    await processes.stop();
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(processes.pids).toEqual([]);
    expect(lines.some((l) => l.includes('turn worker process died'))).toBe(false);
  });
});
