import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry, Counter } from 'prom-client';
import { aggregatedMetrics } from '../../src/observability/aggregatedMetrics.js';
import { createLogger } from '../../src/observability/logger.js';
import { TurnThreads } from '../../src/pipeline/turnThreads.js';
import { waitFor } from '../helpers/appProcess.js';

const ENTRY = 'test/fixtures/threads/idleThread.ts';
const running: TurnThreads[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
});

function start(count: number, crash = false, youngGenerationMb?: number) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  const threads = new TurnThreads({ count, entry: ENTRY, env: { PATH: process.env.PATH ?? '' }, logger: createLogger({ level: 'info' }, destination), restartDelayMs: 50, youngGenerationMb, ...(crash ? { crashAt: 'afterClaim' as const } : {}) });
  running.push(threads);
  threads.start();
  return { threads, lines };
}

describe('TurnThreads', () => {
  it('keeps `count` worker threads running, starting another in place of one that died (only the first gets the crash point)', async () => {
    const { threads, lines } = start(2, true);
    await waitFor(() => lines.some((l) => l.includes('turn worker thread died') && l.includes('"code":70')), 60_000, 'the crashing thread to die');
    await waitFor(() => threads.threadIds.length === 2 && threads.ready, 60_000, 'a replacement, ready');
    const started = lines.filter((l) => l.includes('turn worker thread started'));
    expect(started).toHaveLength(3);
    // The replacement was not given the crash point again: it stays up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines.filter((l) => l.includes('turn worker thread died'))).toHaveLength(1);
  }, 90_000);

  it('collects from every thread, and /metrics sums their counters with the main registry', async () => {
    const { threads } = start(2);
    await waitFor(() => threads.ready, 60_000, 'two threads ready');
    const own = new Registry();
    new Counter({ name: 'fixture_turns_total', help: 'turns', labelNames: ['slot'], registers: [own] }).inc({ slot: 'any' }, 1);
    const text = await aggregatedMetrics(own, () => threads.collect('metrics')).metrics();
    expect(text).toContain('fixture_turns_total{slot="any"} 5');
    expect(await threads.collect('unknown')).toEqual([]);
  }, 90_000);

  it('gives every thread the young-generation cap asked for (TURN_THREAD_YOUNG_GEN_MB), and V8\'s default without one', async () => {
    const capped = start(2, false, 8).threads;
    const plain = start(1).threads;
    await waitFor(() => capped.ready && plain.ready, 60_000, 'threads ready');
    const cappedLimits = (await capped.collect('resourceLimits')) as { maxYoungGenerationSizeMb: number }[];
    expect(cappedLimits.map((l) => l.maxYoungGenerationSizeMb)).toEqual([8, 8]);
    const [plainLimits] = (await plain.collect('resourceLimits')) as { maxYoungGenerationSizeMb: number }[];
    expect(plainLimits!.maxYoungGenerationSizeMb).not.toBe(8);
  }, 90_000);

  it('stop() asks every thread to stop and waits until each has exited, without restarting them', async () => {
    const { threads, lines } = start(2);
    await waitFor(() => threads.threadIds.length === 2 && threads.ready, 60_000, 'two threads ready');
    const stopped = Date.now();
    await threads.stop();
    expect(Date.now() - stopped).toBeGreaterThanOrEqual(150);
    expect(threads.threadIds).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines.some((l) => l.includes('turn worker thread died'))).toBe(false);
  }, 90_000);
});
