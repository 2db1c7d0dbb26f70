import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import type { FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { parseAge, runDeadLettersCommand } from '../../src/cli/deadLetters.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisInboundQueue } from '../../src/stores/redis/redisInboundQueue.js';
import { RedisOutbox } from '../../src/stores/redis/redisOutbox.js';
import type { InboundLease } from '../../src/stores/types.js';
import { senderFixture, text } from '../channels/whatsapp/senderFixtures.js';
import { runCommand } from '../helpers/runCommand.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const USER = '212600000031';
const SECRET = 'je m appelle Awa';
const clients: Redis[] = [];
let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

/** One inbound dead letter (turn failed with a TypeError) and one outbound dead letter (Graph 131026), on Redis. */
async function setup() {
  const client = new Redis(inject('redisUrl'));
  clients.push(client);
  const prefix = uniquePrefix('dlcli');
  const keys = redisKeys(prefix);
  const queue = new RedisInboundQueue({ client, keys, maxDepth: 100 });
  const outbox = new RedisOutbox(client, keys);
  const f = await senderFixture({ outbox });
  fake = f.fake;
  f.wrote(USER);
  await queue.enqueue({ id: 'wamid.in.1', conversationKey: `whatsapp:${USER}`, channel: 'whatsapp', payload: JSON.stringify({ text: SECRET }) });
  await queue.deadLetter((await queue.claim('w', 30_000)) as InboundLease, 'maxDeliveries', 'TypeError');
  fake.failNext(1, { status: 400, code: 131026 });
  const parked = await f.sender.send(USER, text(SECRET), 'reply-1');
  expect(parked.status).toBe('dead');
  const lines: string[] = [];
  const deps = { queue, outbox, sender: () => f.sender, print: (l: string) => void lines.push(l) };
  return { prefix, queue, outbox, lines, deps, outboundId: (parked as { entryId: string }).entryId };
}

describe('npm run deadletters', () => {
  it('lists inbound and outbound dead letters without message text, phone number or wamid', async () => {
    const { deps, lines, outboundId } = await setup();
    expect(await runDeadLettersCommand(['list'], deps)).toBe(0);
    const out = lines.join('\n');
    expect(out).toContain('1 inbound dead letter(s)');
    expect(out).toMatch(/in-[0-9a-f]{10} .* inbound whatsapp .* maxDeliveries \(TypeError\)  deliveries 1/);
    expect(out).toContain(`${outboundId} `);
    expect(out).toContain('graph 400 code 131026');
    for (const secret of [SECRET, USER, 'wamid.in.1']) expect(out).not.toContain(secret);
  });

  it('shows one entry, with the payload only on request', async () => {
    const { deps, lines, queue } = await setup();
    const [letter] = await queue.deadLetters();
    expect(await runDeadLettersCommand(['show', letter!.id], deps)).toBe(0);
    expect(lines.join('\n')).not.toContain('Awa');
    expect(await runDeadLettersCommand(['show', letter!.id, '--payload'], deps)).toBe(0);
    expect(lines.join('\n')).toContain('Awa');
    expect(await runDeadLettersCommand(['show', 'in-0000000000'], deps)).toBe(1);
  });

  it('replays an inbound dead letter onto its queue and an outbound one to Graph, each once', async () => {
    const { deps, queue, outboundId } = await setup();
    const [letter] = await queue.deadLetters();
    expect(await runDeadLettersCommand(['replay', letter!.id], deps)).toBe(0);
    expect(await runDeadLettersCommand(['replay', letter!.id], deps)).toBe(1);
    expect((await queue.claim('w', 30_000))?.message.id).toBe('wamid.in.1');
    expect(await runDeadLettersCommand(['replay', outboundId], deps)).toBe(0);
    expect(fake!.sentMessages()).toHaveLength(1);
  });

  it('replays everything with --all, and purges by age', async () => {
    const { deps, lines, queue } = await setup();
    expect(await runDeadLettersCommand(['replay', '--all'], deps)).toBe(0);
    expect(lines.at(-1)).toBe('2 of 2 replayed');
    expect(await queue.deadLetters()).toEqual([]);
    const second = await setup();
    // The outbound entry was parked on the fixture's virtual clock (2023): older than 7 days; the inbound one is fresh.
    expect(await runDeadLettersCommand(['purge', '--older-than', '7d'], second.deps)).toBe(0);
    expect(second.lines.at(-1)).toBe('purged 0 inbound and 1 outbound dead letter(s) older than 7d');
    expect(await second.queue.deadLetters()).toHaveLength(1);
    expect(await runDeadLettersCommand(['purge', '--older-than', '0m'], { ...second.deps, now: () => Date.now() + 1000 })).toBe(0);
    expect(second.lines.at(-1)).toBe('purged 1 inbound and 0 outbound dead letter(s) older than 0m');
    expect(await second.queue.deadLetters()).toEqual([]);
    expect(await second.outbox.list('dead')).toEqual([]);
  });

  it('explains its usage and reads ages in days, hours and minutes', async () => {
    const { deps, lines } = await setup();
    expect(await runDeadLettersCommand(['purge', '--older-than', 'soon'], deps)).toBe(2);
    expect(lines.join('\n')).toContain('Usage: npm run deadletters');
    expect([parseAge('7d'), parseAge('12h'), parseAge('30m'), parseAge('7')]).toEqual([604_800_000, 43_200_000, 1_800_000, undefined]);
  });

  it('runs as staff run it (npm run deadletters -- list) against the same Redis', async () => {
    const { prefix } = await setup();
    const result = await runCommand('node_modules/.bin/tsx', ['src/cli/deadLetters.ts', 'list'], { env: { REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 inbound dead letter(s)');
    expect(result.stdout).toContain('1 outbound dead letter(s)');
  });
});
