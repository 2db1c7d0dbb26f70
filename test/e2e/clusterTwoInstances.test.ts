import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { createInboundQueue } from '../../src/pipeline/createInboundQueue.js';
import { DEFAULT_CLUSTER_INBOUND_PARTITIONS, inboundPartitionOf } from '../../src/stores/redis/inboundPartitioning.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { waitFor, type AppProcess } from '../helpers/appProcess.js';
import { testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { postInOrder, repliesTo, startWhatsAppApp, withoutAdjacentRepeats } from '../helpers/whatsappLoad.js';

/** Each user's messages; the FAQ answers differ, so a missing, repeated or reordered reply shows. */
const TEXTS = ['c quoi le rapatriement volontaire', "si je viens chez vous on va m'arrêter ?", "comment se passe la séance d'orientation ?"] as const;
const USERS = 12;

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The assistant on the test run's 3-master Redis Cluster (REDIS_CLUSTER_NODES, no REDIS_URL). No instance dies
 * here, so leases are long: a 5 s lease was outlived by a turn on an instance starved right after its start-up
 * (the documented "turn outlived its lease" case, which is not what this test is about).
 */
function startOnCluster(fake: FakeGraphServer, prefix: string): Promise<AppProcess> {
  return startWhatsAppApp(fake, '', prefix, { REDIS_CLUSTER_NODES: inject('redisClusterNodes').join(','), INBOUND_LEASE_MS: '30000' }, 150_000);
}

/** WhatsApp turns an instance finished (replies delivered), from its /metrics. */
async function turnsOk(app: AppProcess): Promise<number> {
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  return Number(/tdu_turns_total\{channel="whatsapp",outcome="ok"\} (\d+)/.exec(metrics)?.[1] ?? 0);
}

/** Replies an instance re-sent after an ambiguous Graph call (any cause), from its /metrics. */
async function ambiguousResends(app: AppProcess): Promise<number> {
  const metrics = await (await fetch(`${app.url}/metrics`)).text();
  return [...metrics.matchAll(/tdu_outbound_ambiguous_resends_total\{[^}]*\} (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('two assistant instances on one Redis Cluster (real processes)', () => {
  const prefix = uniquePrefix('cl-two');
  let fake: FakeGraphServer;
  let expected: string[];
  let a: AppProcess;

  beforeAll(async () => {
    // Reference: one user's replies from instance A alone, on a quiet run (the load's users are others).
    fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    a = await startOnCluster(fake, prefix);
    cleanups.push(() => a.stop());
    await postInOrder(() => [a.url], '212600800000', TEXTS, 'clref');
    // A turn counts as ok once its replies were delivered to the fake Graph API.
    await waitFor(async () => (await turnsOk(a)) >= TEXTS.length, 60_000, 'the reference turns');
    expected = repliesTo(fake, '212600800000');
  }, 240_000);

  it('answers every message of a WhatsApp load exactly once, in order per user, with webhooks alternating between them', async () => {
    // Started one after the other: two start-ups at once take minutes on a loaded 2-core machine.
    const b = await startOnCluster(fake, prefix);
    cleanups.push(() => b.stop());
    const people = Array.from({ length: USERS }, (_, u) => `2126008${String(u + 1).padStart(5, '0')}`);
    // The users' conversations are spread over several partitions, so both the load and this test cross slots.
    expect(new Set(people.map((p) => inboundPartitionOf(`whatsapp:${p}`, DEFAULT_CLUSTER_INBOUND_PARTITIONS))).size).toBeGreaterThan(4);
    let turn = 0;
    const alternating = () => (turn++ % 2 === 0 ? [a.url, b.url] : [b.url, a.url]);
    // Each user posts in order (as Meta does), all users at once; a retried webhook is the same message (same wamid).
    await Promise.all(people.map((user) => postInOrder(alternating, user, TEXTS, 'cl2')));
    // Meta retries: a second delivery of every message, to the other instance, must change nothing.
    await Promise.all(people.map((user) => postInOrder(() => [b.url, a.url], user, TEXTS, 'cl2')));

    const queue = createInboundQueue({ redis: { client: testRedisClient('redis cluster'), keys: redisKeys(prefix) } }, { maxDepth: 100 });
    const allTurns = TEXTS.length * (USERS + 1);
    await waitFor(async () => (await turnsOk(a)) + (await turnsOk(b)) >= allTurns && (await queue.depth()) === 0, 120_000, 'every message answered');
    // Each message was processed once (turn count below); a reply can only repeat where its Graph call was
    // ambiguous (timed out or interrupted, then re-sent), which the instances count.
    const got = people.map((user) => withoutAdjacentRepeats(repliesTo(fake, user)));
    for (const g of got) expect(g.items).toEqual(expected);
    const repeats = got.reduce((n, g) => n + g.repeats, 0);
    expect(repeats).toBeLessThanOrEqual((await ambiguousResends(a)) + (await ambiguousResends(b)));
    // Both instances ran turns (the second is not just a webhook front).
    expect(await turnsOk(b)).toBeGreaterThan(0);
    expect(await turnsOk(a)).toBeGreaterThan(TEXTS.length);
    const logged = (a.output() + b.output()).split('\n').filter((l) => /warn|error|"level":[4-6]\d/i.test(l));
    expect((await turnsOk(a)) + (await turnsOk(b)), logged.join('\n').slice(0, 4000)).toBe(allTurns);
    expect(a.output() + b.output()).not.toMatch(/CROSSSLOT|uncaught/i);
  }, 360_000);
});
