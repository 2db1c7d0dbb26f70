import { Redis } from 'ioredis';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { waitFor, type AppProcess } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { postInOrder, repliesTo, startWhatsAppApp, withoutAdjacentRepeats } from '../helpers/whatsappLoad.js';

/** Each user's messages; the FAQ answers differ, so a missing, repeated or reordered reply shows. */
const TEXTS = ['c quoi le rapatriement volontaire', "si je viens chez vous on va m'arrêter ?", "comment se passe la séance d'orientation ?"] as const;
const USERS = 6;

let expected: string[];
let fake: FakeGraphServer;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  // Reference: one user's replies with the turns in the app's own process.
  fake = await startFakeGraphServer();
  const prefix = uniquePrefix('workers-ref');
  const app = await startWhatsAppApp(fake, inject('redisUrl'), prefix);
  await postInOrder(() => [app.url], '212600950000', TEXTS, 'ref');
  const redis = new Redis(inject('redisUrl'));
  await processedAll(redis, prefix);
  await redis.quit();
  await app.stop();
  expected = repliesTo(fake, '212600950000');
  await fake.stop();
}, 180_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Resolves once the queue under `prefix` is empty: every message acked, each after its replies went out. */
async function processedAll(redis: Redis, prefix: string): Promise<void> {
  const keys = redisKeys(prefix);
  await waitFor(async () => (await redis.hlen(keys.inboundPartition(0, 1).messages())) === 0 && (await redis.zcard(keys.inboundPartition(0, 1).leases())) === 0, 120_000, 'every message processed');
}

/** Pids in the app's log lines saying `what` (LOG_LEVEL=info): `started` by the instance, `running` by the worker. */
function workerPids(app: AppProcess, what: 'started' | 'running'): number[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.includes(`turn worker process ${what}`))
    .map((line) => Number((JSON.parse(line) as { pid: number }).pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('WORKERS=2: turns in two worker processes on one Redis (real processes)', () => {
  it('answers every message, in order per user, through a worker kill -9 (a repeat only for a reply in flight at the kill), and drains on SIGTERM', async () => {
    fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const prefix = uniquePrefix('workers');
    // Leases long enough that a starved (not dead) worker keeps its turns; short enough that a dead one's come back.
    const app = await startWhatsAppApp(fake, inject('redisUrl'), prefix, { WORKERS: '2', LOG_LEVEL: 'info', INBOUND_LEASE_MS: '5000' });
    cleanups.push(() => app.stop());
    await waitFor(() => workerPids(app, 'running').length === 2, 180_000, 'two worker processes running');
    const [victim, other] = workerPids(app, 'started') as [number, number];
    expect(victim).not.toBe(other);

    const people = Array.from({ length: USERS }, (_, u) => `2126009510${u}`);
    const load = Promise.all(people.map((user) => postInOrder(() => [app.url], user, TEXTS, 'wk')));
    await waitFor(() => fake.sentMessages().length >= 3, 60_000, 'the first replies');
    process.kill(victim, 'SIGKILL');
    await load;
    // The instance starts another worker in the dead one's place.
    await waitFor(() => workerPids(app, 'started').length === 3, 60_000, 'a replacement worker process');
    const redis = new Redis(inject('redisUrl'));
    cleanups.push(() => redis.quit());
    await processedAll(redis, prefix);

    const got = people.map((user) => withoutAdjacentRepeats(repliesTo(fake, user)));
    for (const g of got) expect(g.items).toEqual(expected);
    // A repeat can only be a reply whose Graph call was in flight when the worker died (counted as interrupted
    // by the worker that re-sent it, which /metrics of the HTTP process does not see): at most one per user.
    for (const g of got) expect(g.repeats).toBeLessThanOrEqual(1);

    // SIGTERM: the instance stops its workers, which finish and exit; then it exits cleanly itself.
    const pids = workerPids(app, 'started').filter(alive);
    expect(pids).toHaveLength(2);
    expect(await app.stop()).toBe(0);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    expect(app.output()).toContain('turn worker process stopping');
  }, 400_000);
});
