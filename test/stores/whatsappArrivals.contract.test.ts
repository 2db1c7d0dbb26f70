import { describe, expect, it } from 'vitest';
import { MemoryMenuMemory } from '../../src/stores/memory/memoryMenuMemory.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../src/stores/memory/memoryWhatsAppContacts.js';
import { MemoryWhatsAppIdentityLinks } from '../../src/stores/memory/memoryWhatsAppIdentityLinks.js';
import { MemoryWhatsAppUserMove } from '../../src/stores/memory/memoryWhatsAppUserMove.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisWhatsAppArrivals } from '../../src/stores/redis/redisWhatsAppArrivals.js';
import { RedisWhatsAppContacts } from '../../src/stores/redis/redisWhatsAppContacts.js';
import { RedisWhatsAppIdentityLinks } from '../../src/stores/redis/redisWhatsAppIdentityLinks.js';
import { RedisWhatsAppUserMove } from '../../src/stores/redis/redisWhatsAppUserMove.js';
import { composedWhatsAppArrivals, type WhatsAppArrivals } from '../../src/stores/whatsappArrivals.js';
import type { WhatsAppContactStore } from '../../src/stores/whatsappContacts.js';
import type { WhatsAppIdentityLinks } from '../../src/stores/whatsappIdentityLinks.js';
import type { WhatsAppUserMove } from '../../src/stores/whatsappUserMove.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

interface Parts {
  arrivals: WhatsAppArrivals;
  links: WhatsAppIdentityLinks;
  move: WhatsAppUserMove;
  contacts: WhatsAppContactStore;
}

const backends: Array<[string, () => Parts]> = [
  ['memory', () => {
    const state = new MemoryStateStorage(3600);
    const contacts = new MemoryWhatsAppContacts();
    const links = new MemoryWhatsAppIdentityLinks();
    const move = new MemoryWhatsAppUserMove({ state, contacts, menus: new MemoryMenuMemory() });
    return { arrivals: composedWhatsAppArrivals({ links, userMove: move, contacts }), links, move, contacts };
  }],
  ...REDIS_TOPOLOGIES.map((topology): [string, () => Parts] => [
    topology,
    () => {
      const client = testRedisClient(topology);
      const keys = redisKeys(uniquePrefix('arrive'));
      return {
        arrivals: new RedisWhatsAppArrivals(client, keys),
        links: new RedisWhatsAppIdentityLinks(client, keys),
        move: new RedisWhatsAppUserMove(client, keys),
        contacts: new RedisWhatsAppContacts({ client, keys }),
      };
    },
  ]),
];

describe.each(backends)('WhatsAppArrivals on %s', (_name, make) => {
  it('at the webhook, records the newest inbound time of an id with no link', async () => {
    const { arrivals, contacts } = make();
    expect(await arrivals.arrive('212600000001', 2_000)).toBeUndefined();
    expect(await arrivals.arrive('212600000001', 1_000)).toBeUndefined();
    expect(await contacts.lastInboundAt('212600000001')).toBe(2_000);
  });

  it('at the webhook, gives the key a linked id belongs to and records nothing for the alias', async () => {
    const { arrivals, links, contacts } = make();
    await links.link('US.42', '212600000002');
    expect(await arrivals.arrive('US.42', 5_000)).toBe('212600000002');
    expect(await contacts.lastInboundAt('US.42')).toBeUndefined();
    expect(await contacts.lastInboundAt('212600000002')).toBeUndefined();
  });

  it('before a turn, records the time when no number change is pending', async () => {
    const { arrivals, contacts } = make();
    expect(await arrivals.beginTurn('212600000003', 3_000)).toBeUndefined();
    expect(await contacts.lastInboundAt('212600000003')).toBe(3_000);
  });

  it('before a turn, gives the target of a number change left part-way and records nothing, until it ends', async () => {
    const { arrivals, move, contacts } = make();
    await move.begin('212600000004', '212600000005');
    expect(await arrivals.beginTurn('212600000004', 4_000)).toBe('212600000005');
    expect(await contacts.lastInboundAt('212600000004')).toBeUndefined();
    await move.end('212600000004');
    expect(await arrivals.beginTurn('212600000004', 4_000)).toBeUndefined();
    expect(await contacts.lastInboundAt('212600000004')).toBe(4_000);
  });
});
