import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { postWebhook, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { waitFor, type AppProcess } from '../helpers/appProcess.js';
import { startRedisServer, type RedisServerHandle } from '../helpers/redisServer.js';
import { startWhatsAppApp } from '../helpers/whatsappLoad.js';
import { luaScriptNames, watchRedis } from '../helpers/redisMonitor.js';

/**
 * Redis round trips the app makes for one message, seen by Redis itself (MONITOR on a private server): each
 * command the app sends counts once, a MULTI…EXEC block and a Lua script count as one (their inner commands
 * are not separate waits), so the figure is the number of times a message waits for Redis.
 */
const LUA_DIR = 'src/stores/redis/lua';
let redis: RedisServerHandle;
let fake: FakeGraphServer;
let app: AppProcess;
let monitor: Socket;
const lines: string[] = [];

beforeAll(async () => {
  redis = await startRedisServer({ appendOnly: false });
  fake = await startFakeGraphServer();
  // A long lease: no heartbeat falls inside a measured message.
  app = await startWhatsAppApp(fake, redis.url, 'rt', { INBOUND_LEASE_MS: '60000', HANDOFF_ENABLED: 'false' });
  monitor = await watchRedis(redis.url, (source, args) => lines.push(`${source} ${args.join(' ')}`));
}, 300_000);
afterAll(async () => {
  await app?.stop();
  monitor?.destroy();
  await fake?.stop();
  await redis?.stop();
});

/** Script names by the SHA1 Redis knows them by (EVALSHA), from src/stores/redis/lua. */
const SCRIPTS = luaScriptNames(LUA_DIR);

/**
 * Counts round trips in MONITOR lines of the app's connections: script-internal commands skipped, MULTI…EXEC
 * folded into one, scripts named. Claims of the inbound queue that found nothing (the worker looking for more
 * work right after one, idle polling) are counted apart: under load every claim finds a message.
 */
function roundTrips(seen: string[], ignore: string) {
  const sequence: string[] = [];
  const inMulti = new Set<string>();
  let claims = 0;
  for (const line of seen) {
    const [source, command, arg] = line.split(' ');
    if (!source || !command || source === 'lua' || source === ignore) continue;
    const name = command.toLowerCase();
    if (name === 'multi') inMulti.add(source);
    if (inMulti.has(source) && name !== 'multi') {
      if (name === 'exec') inMulti.delete(source);
      continue;
    }
    const label = name === 'evalsha' ? (SCRIPTS.get(arg ?? '') ?? 'evalsha?') : name === 'eval' ? 'eval(load)' : name;
    if (label === 'claimInbound') claims++;
    // The script load after a first NOSCRIPT is not a round trip of the message's own.
    // A plain read is named with the kind of key it reads (`get wa:link`, `get turn`…), without the ids.
    const named = label === 'get' ? `get ${(arg ?? '').replace(/^[^:]*:/, '').replace(/:?\{.*$/, '')}` : label;
    // The idle wake signals (PUBLISH, sent after an idle spell only, never awaited by the message) are not waits either.
    if (label !== 'eval(load)' && label !== 'claimInbound' && label !== 'publish') sequence.push(named);
  }
  return { total: sequence.length + Math.min(claims, 1), emptyClaims: Math.max(0, claims - 1), sequence };
}

async function answered(user: string, count: number) {
  await waitFor(() => fake.sentMessages().filter((m) => m.to === user).length >= count, 60_000, 'the replies');
}

describe('Redis round trips per WhatsApp message (real app, private Redis, MONITOR)', () => {
  it('pins the round trips of an ordinary follow-up message', async () => {
    const keys = redisKeys('rt');
    const client = new Redis(redis.url);
    const idle = async () => waitFor(async () => (await client.hlen(keys.inboundPartition(0, 1).messages())) === 0 && (await client.zcard(keys.inboundPartition(0, 1).leases())) === 0, 60_000, 'the queue to drain');
    const info = String(await client.client('INFO'));
    const ignore = /addr=(\S+)/.exec(info)?.[1] ?? '';
    try {
      const user = '212600000777';
      lines.length = 0;
      await postWebhook(app.url, webhook([waText(user, 'bonjour', 'wamid.rt.1')]));
      await answered(user, 1);
      await idle();
      // The first message's figure is not pinned: it includes loading each script once (EVAL after NOSCRIPT).
      lines.splice(0);
      const before = fake.sentMessages().filter((m) => m.to === user).length;
      await postWebhook(app.url, webhook([waText(user, 'combien ça coûte le retour ?', 'wamid.rt.2')]));
      await answered(user, before + 1);
      await idle();
      const followUp = roundTrips(lines.splice(0), ignore);
      // 16 today (goal 6): webhook 3 (phone/BSUID link, contact, enqueue), claim, unfinished number-change check,
      // contact again, 2 state reads, decide (MULTI), state write, reply attempt, rate token, sent mark, outbound
      // record, ack, outcome removal.
      expect(followUp.total, followUp.sequence.join(' ')).toBeLessThanOrEqual(16);
      // A first claim reads no stored outcome, and a fresh message keeps the window open without a contact read.
      expect(followUp.sequence).not.toContain('get turn');
      expect(followUp.sequence).not.toContain('hgetall');
    } finally {
      client.disconnect();
    }
  }, 200_000);
});
