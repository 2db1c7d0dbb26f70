import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryUnansweredLog, type UnansweredLogOptions } from '../../src/stores/memory/memoryUnansweredLog.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisUnansweredLog } from '../../src/stores/redis/redisUnansweredLog.js';
import type { UnansweredLog } from '../../src/stores/types.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { waitFor } from '../helpers/appProcess.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

const factories: Array<[string, (options?: UnansweredLogOptions) => UnansweredLog]> = [
  ['memory', (options) => new MemoryUnansweredLog(options)],
  ...REDIS_TOPOLOGIES.map((topology): [string, (options?: UnansweredLogOptions) => UnansweredLog] => [
    topology,
    (options) => new RedisUnansweredLog(testRedisClient(topology), redisKeys(uniquePrefix('ua')), options),
  ]),
];

const DAY = 24 * 3600 * 1000;
const T0 = Date.UTC(2026, 10, 1);

describe.each(factories)('UnansweredLog (%s)', (_name, create) => {
  it('stores the question anonymised: no phone number, no name', async () => {
    const log = create();
    await log.record({
      text: "Bonjour je m'appelle Awa Traoré, appelez-moi au +212 6 12 34 56 78, on peut trouver du travail à Tanger ?",
      lang: 'fr',
      at: T0,
      candidates: [{ id: 'reintegration.business', score: 0.31 }],
    });
    const [stored] = await log.list(T0 - 1, T0 + 1);
    expect(stored).toBeDefined();
    expect(stored!.text).not.toMatch(/Awa|Traoré|612|34 56/);
    expect(stored!.text).toContain('travail à Tanger');
    expect(stored!.lang).toBe('fr');
    expect(stored!.candidates).toEqual([{ id: 'reintegration.business', score: 0.31 }]);
  });

  it('lists a period oldest first and keeps identical questions apart', async () => {
    const log = create();
    await log.record({ text: 'météo ?', lang: 'fr', at: T0 + 2 * DAY, candidates: [] });
    await log.record({ text: 'météo ?', lang: 'fr', at: T0 + DAY, candidates: [] });
    await log.record({ text: 'weather?', lang: 'en', at: T0 + 5 * DAY, candidates: [] });
    const listed = await log.list(T0, T0 + 3 * DAY);
    expect(listed.map((q) => q.at)).toEqual([T0 + DAY, T0 + 2 * DAY]);
    expect((await log.list(T0, T0 + 10 * DAY)).length).toBe(3);
    expect((await log.list(T0, T0 + 10 * DAY, 1)).length).toBe(1);
  });

  it('drops questions past the retention and caps the size, oldest first', async () => {
    const log = create({ retentionSeconds: 10 * 24 * 3600, maxEntries: 3 });
    await log.record({ text: 'very old', lang: 'en', at: T0, candidates: [] });
    await log.record({ text: 'a', lang: 'en', at: T0 + 20 * DAY, candidates: [] });
    expect((await log.list(0, T0 + 30 * DAY)).map((q) => q.text)).toEqual(['a']);
    for (const text of ['b', 'c', 'd']) await log.record({ text, lang: 'en', at: T0 + 21 * DAY, candidates: [] });
    expect((await log.list(0, T0 + 30 * DAY)).map((q) => q.text).sort()).toEqual(['b', 'c', 'd']);
  });
});

describe.each(factories)('UnansweredLog (%s): record keys', (_name, create) => {
  it('records a question once per record key (a re-run turn); other keys and keyless records all count', async () => {
    const log = create();
    const question = { text: 'météo ?', lang: 'fr', at: T0, candidates: [] };
    await log.record({ ...question, recordKey: 'whatsapp|wamid.A|1' });
    await log.record({ ...question, at: T0 + 5, recordKey: 'whatsapp|wamid.A|1' });
    await log.record({ ...question, recordKey: 'whatsapp|wamid.A|2' });
    await log.record(question);
    await log.record(question);
    expect((await log.list(0, T0 + DAY)).length).toBe(4);
  });

  it('forgets a record key after its lifetime', async () => {
    const log = create({ recordKeySeconds: 1 });
    const question = { text: 'météo ?', lang: 'fr', at: T0, candidates: [], recordKey: 'k' };
    await log.record(question);
    let at = T0;
    await waitFor(async () => {
      await log.record({ ...question, at: ++at });
      return (await log.list(0, T0 + DAY)).length === 2;
    }, 5_000, 'the record key to be forgotten');
  });
});

describe('RedisUnansweredLog', () => {
  it('keeps only a hash of the record key, with its lifetime', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const prefix = uniquePrefix('ua');
    await new RedisUnansweredLog(client, redisKeys(prefix), { recordKeySeconds: 600 }).record({ text: 'x', lang: 'fr', at: Date.now(), candidates: [], recordKey: 'whatsapp|wamid.HBgLMjEyNjEyMzQ1Njc4|1' });
    const keys = await client.keys(`${prefix}:*`);
    expect(keys.join(' ')).not.toContain('wamid');
    const marker = keys.find((k) => k.includes(':recorded:'));
    expect(marker).toBeDefined();
    expect(await client.ttl(marker!)).toBeGreaterThan(590);
    expect(JSON.stringify(await client.zrange(redisKeys(prefix).unanswered(), 0, -1))).not.toContain('wamid');
  });


  it('sets a TTL on its key (180 days by default)', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('ua'));
    await new RedisUnansweredLog(client, keys).record({ text: 'x', lang: 'fr', at: Date.now(), candidates: [] });
    const ttl = await client.ttl(keys.unanswered());
    expect(ttl).toBeGreaterThan(179 * 24 * 3600);
    expect(ttl).toBeLessThanOrEqual(180 * 24 * 3600);
  });
});
