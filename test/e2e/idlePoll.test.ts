import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { postWebhook, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { waitFor, type AppProcess } from '../helpers/appProcess.js';
import { luaScriptNames, watchRedis } from '../helpers/redisMonitor.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redisServer.js';
import { startWhatsAppApp } from '../helpers/whatsappLoad.js';

/**
 * An idle instance seen by Redis (MONITOR on a private server): how many commands it sends while nothing happens,
 * and how soon the first message after the idle spell is claimed. Two turn worker processes, so the webhook
 * (HTTP process) and the claims (workers) are in different processes and only the Redis wake signal links them.
 * The idle poll bound is raised to 20 s: a claim within the margin below can only come from the wake.
 */
const IDLE_POLL_MAX_MS = 20_000;
const SCRIPTS = luaScriptNames();
let redis: RedisServerHandle;
let fake: FakeGraphServer;
let app: AppProcess;
let monitor: Socket;
const seen: Array<{ command: string; time: number }> = [];

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: false });
  fake = await startFakeGraphServer();
  app = await startWhatsAppApp(fake, redis.url, 'idle', { WORKERS: '2', INBOUND_LEASE_MS: '60000', INBOUND_IDLE_POLL_MAX_MS: String(IDLE_POLL_MAX_MS) }, 240_000);
  // /readyz: the worker processes claim (they train their model after /healthz answers).
  await waitFor(async () => (await fetch(`${app.url}/readyz`)).ok, 240_000, 'the turn workers');
  monitor = await watchRedis(redis.url, (source, args, time) => {
    if (source === 'lua') return; // a script's own commands are not sent by the app
    const [name, sha] = args;
    const lower = (name ?? '').toLowerCase();
    const command = lower === 'evalsha' ? (SCRIPTS.get(sha ?? '') ?? 'evalsha?') : lower === 'publish' ? `publish ${sha}` : lower;
    seen.push({ command, time });
  });
}, 300_000);
afterAll(async () => {
  await app?.stop();
  monitor?.destroy();
  await fake?.stop();
  await redis?.stop();
});

describe('an idle instance (real app, 2 turn worker processes, private Redis, MONITOR)', () => {
  it('sends few commands while idle, and claims the first message after the idle spell at once', async () => {
    // A first message loads the scripts (EVAL after NOSCRIPT, where MONITOR shows no name); then the workers'
    // claims find nothing, they announce themselves idle and back off.
    await postWebhook(app.url, webhook([waText('212600000998', 'bonjour', 'wamid.idle.0')]));
    await waitFor(() => fake.sentMessages().some((m) => m.to === '212600000998'), 120_000, 'the first reply');
    await new Promise((r) => setTimeout(r, 3_000));
    seen.length = 0;
    await new Promise((r) => setTimeout(r, 5_000));
    const idle = seen.splice(0);
    const claims = idle.filter((c) => c.command === 'claimInbound').length;
    // Before: 2 workers × 10 claims a second = 100 in 5 s. Now at most one each per IDLE_POLL_MAX_MS (0 or 2 here).
    expect(claims, idle.map((c) => c.command).join(' ')).toBeLessThanOrEqual(2);
    // Everything else the idle instance does (other periodic work) stays small too.
    expect(idle.length, idle.map((c) => c.command).join(' ')).toBeLessThanOrEqual(40);

    await postWebhook(app.url, webhook([waText('212600000999', 'bonjour', 'wamid.idle.1')]));
    await waitFor(() => fake.sentMessages().some((m) => m.to === '212600000999'), 120_000, 'the reply');
    const after = seen.splice(0);
    const enqueued = after.find((c) => c.command === 'enqueueInbound');
    const claimed = after.find((c) => c.command === 'claimInbound' && c.time >= (enqueued?.time ?? Infinity));
    expect(enqueued, after.map((c) => c.command).join(' ')).toBeDefined();
    expect(claimed, after.map((c) => c.command).join(' ')).toBeDefined();
    // On Redis' own clock: the first claim after the enqueue came with the wake, far inside the 20 s poll bound
    // (generous for a loaded machine; typically a few ms).
    expect(claimed!.time - enqueued!.time).toBeLessThan(5_000);
    // And it was the wake that did it: published between the enqueue and that claim.
    const woke = after.find((c) => c.command === 'publish idle:inbound:wake');
    expect(woke, after.map((c) => c.command).join(' ')).toBeDefined();
    expect(woke!.time).toBeGreaterThanOrEqual(enqueued!.time);
    expect(woke!.time).toBeLessThanOrEqual(claimed!.time);
  }, 200_000);
});
