import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parse, stringify } from 'yaml';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { waitFor, type AppProcess } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { postInOrder, repliesTo, startWhatsAppApp, withoutAdjacentRepeats } from '../helpers/whatsappLoad.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

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
}, afterAppStarts(1, 150_000));
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Resolves once the queue under `prefix` is empty: every message acked, each after its replies went out. */
async function processedAll(redis: Redis, prefix: string): Promise<void> {
  const keys = redisKeys(prefix);
  await waitFor(async () => (await redis.hlen(keys.inboundPartition(0, 1).messages())) === 0 && (await redis.zcard(keys.inboundPartition(0, 1).leases())) === 0, 120_000, 'every message processed');
}

/** Log lines of the app (LOG_LEVEL=info) saying `what`: `started` and `died` by the instance, `running` by the thread. */
function threadLines(app: AppProcess, what: 'started' | 'running' | 'died' | 'stopping'): Array<{ thread: number; worker: number }> {
  return app
    .output()
    .split('\n')
    .filter((line) => line.includes(`turn worker thread ${what}`))
    .map((line) => JSON.parse(line) as { thread: number; worker: number });
}

/** The JSON log lines of the app whose message is `msg`. */
function logged<T>(app: AppProcess, msg: string): T[] {
  return app
    .output()
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`))
    .map((line) => JSON.parse(line) as T);
}

/** `tdu_turns_total` of WhatsApp turns that ended well, as /metrics of the instance (its main thread) serves it. */
async function whatsappTurns(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('tdu_turns_total{') && l.includes('channel="whatsapp"') && l.includes('outcome="ok"'));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('WORKERS=2: turns in two worker threads on one Redis (a real process)', () => {
  it('answers every message, in order per user, through a thread dying mid-turn (a repeat only for the reply in flight), counts the threads\' turns in /metrics, and drains on SIGTERM', async () => {
    fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const prefix = uniquePrefix('workers');
    // Leases long enough that a starved (not dead) thread keeps its turns; short enough that a dead one's come back.
    // TEST_CRASH_AT: the first thread of slot 0 ends itself right after its first Graph call (reply sent, not acked).
    // Its own copy of the content, edited below to check a hot reload.
    const locales = mkdtempSync(join(tmpdir(), 'tdu-workers-locales-'));
    cleanups.push(async () => rmSync(locales, { recursive: true, force: true }));
    cpSync('locales', locales, { recursive: true });
    const app = await startWhatsAppApp(fake, inject('redisUrl'), prefix, { WORKERS: '2', LOG_LEVEL: 'info', INBOUND_LEASE_MS: '5000', TEST_CRASH_AT: 'afterGraphCall', LOCALES_DIR: locales });
    cleanups.push(() => app.stop());
    await waitFor(() => threadLines(app, 'running').length === 2, 180_000, 'two worker threads running');
    const [first, second] = threadLines(app, 'started');
    expect(first!.thread).not.toBe(second!.thread);

    // Waves of new users until the crashing thread has had a turn: the other thread, polling first, can claim every
    // user of a wave (one message per user in flight) and keep them to the end, so slot 0 may see no work in one wave
    // (seen in a full parallel run). A slot 0 that never claims at all still fails below.
    const people: string[] = [];
    for (let wave = 0; wave < 4 && threadLines(app, 'died').length === 0; wave++) {
      const users = Array.from({ length: USERS }, (_, u) => `212600951${wave}${u}`);
      people.push(...users);
      await Promise.all(users.map((user) => postInOrder(() => [app.url], user, TEXTS, 'wk')));
      await waitFor(() => threadLines(app, 'died').length === 1, 30_000, 'the crashing thread to die').catch(() => undefined);
    }
    // The crashing thread died at its first turn, and the instance started another in its place.
    // Generous: under a full parallel test run the threads' first claims can take a long while.
    await waitFor(() => threadLines(app, 'died').length === 1, 180_000, 'the crashing thread to die');
    expect(threadLines(app, 'died')[0]!.worker).toBe(0);
    await waitFor(() => threadLines(app, 'running').length === 3, 180_000, 'a replacement worker thread');
    const redis = new Redis(inject('redisUrl'));
    cleanups.push(() => redis.quit());
    await processedAll(redis, prefix);

    const got = people.map((user) => withoutAdjacentRepeats(repliesTo(fake, user)));
    for (const g of got) expect(g.items).toEqual(expected);
    // A repeat can only be a reply whose Graph call had gone out when the thread died (the dying thread may have had
    // several users' deliveries in flight): at most one per user.
    for (const g of got) expect(g.repeats).toBeLessThanOrEqual(1);

    // /metrics of the instance sums the threads' turn counters (the main thread runs none itself).
    const before = await whatsappTurns(app.url);
    expect(before).toBeGreaterThanOrEqual(people.length * TEXTS.length - 1); // the dead thread's count went with it
    const more = ['212600952000', '212600952001'];
    await Promise.all(more.map((user) => postInOrder(() => [app.url], user, TEXTS, 'wk')));
    await processedAll(redis, prefix);
    await waitFor(async () => (await whatsappTurns(app.url)) === before + more.length * TEXTS.length, 30_000, 'the new turns counted in /metrics');
    expect(threadLines(app, 'died')).toHaveLength(1);

    // The model was trained once, by the main thread; each thread (the replacement too) got its weights. The main
    // thread itself holds no understander (it runs no turn).
    const models = () => logged<{ fromInstance: boolean; examples: number; reload?: boolean }>(app, 'language model ready');
    expect(logged(app, 'language model trained')).toHaveLength(1);
    expect(models().filter((m) => !m.fromInstance)).toHaveLength(0);
    expect(models().filter((m) => m.fromInstance)).toHaveLength(3);
    // So was the safety detector's learned layer (sharedSafetyModel.ts): once, by the main thread, for every thread.
    const safetyModels = () => logged<{ fromInstance: boolean; examples: number; reload: boolean }>(app, 'safety model ready');
    expect(logged(app, 'safety model trained')).toHaveLength(1);
    expect(safetyModels().filter((m) => !m.fromInstance)).toHaveLength(0);
    expect(safetyModels().filter((m) => m.fromInstance && m.examples > 0)).toHaveLength(3);

    // A hot reload (one more example) is trained once more, and both threads switch to it.
    const examples = models()[0]!.examples;
    const faqFile = join(locales, 'fr', 'faq', 'avrr.yaml');
    const faq = parse(readFileSync(faqFile, 'utf8')) as { entries: Array<{ examples: string[] }> };
    faq.entries[0]!.examples.push('une question toute neuve sur le retour au pays');
    writeFileSync(faqFile, stringify(faq));
    await waitFor(() => models().filter((m) => m.reload && m.examples === examples + 1).length === 2, 120_000, 'every thread on the reloaded model');
    expect(logged(app, 'language model trained')).toHaveLength(2);
    // The safety layer no longer learns from the FAQ (safety-ordinary.yaml, safety12l): both threads rebuild their
    // detector from the instance's layer, which is not trained again for an FAQ change.
    await waitFor(() => safetyModels().filter((m) => m.reload && m.fromInstance).length === 2, 120_000, 'every thread on the reloaded safety model');
    expect(logged(app, 'safety model trained')).toHaveLength(1);
    expect(app.output()).not.toContain('this thread trains its own');

    // SIGTERM: the instance stops its threads, which finish and exit; then it exits cleanly itself.
    expect(await app.stop()).toBe(0);
    expect(threadLines(app, 'stopping')).toHaveLength(2);
  }, 400_000);
});
