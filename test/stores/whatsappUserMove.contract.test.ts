import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryMenuMemory } from '../../src/stores/memory/memoryMenuMemory.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../src/stores/memory/memoryWhatsAppContacts.js';
import { MemoryWhatsAppUserMove } from '../../src/stores/memory/memoryWhatsAppUserMove.js';
import type { MenuMemoryStore } from '../../src/stores/menuMemoryStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisMenuMemory } from '../../src/stores/redis/redisMenuMemory.js';
import { RedisStateStorage } from '../../src/stores/redis/redisStateStorage.js';
import { RedisWhatsAppContacts } from '../../src/stores/redis/redisWhatsAppContacts.js';
import { RedisWhatsAppUserMove } from '../../src/stores/redis/redisWhatsAppUserMove.js';
import type { StateStorage } from '../../src/stores/types.js';
import type { WhatsAppContactStore } from '../../src/stores/whatsappContacts.js';
import type { WhatsAppUserMove } from '../../src/stores/whatsappUserMove.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

interface Parts {
  state: StateStorage;
  contacts: WhatsAppContactStore;
  menus: MenuMemoryStore;
  move: WhatsAppUserMove;
}

const factories: Array<[string, () => Parts]> = [
  ['memory', () => {
    const state = new MemoryStateStorage(3600);
    const contacts = new MemoryWhatsAppContacts();
    const menus = new MemoryMenuMemory();
    return { state, contacts, menus, move: new MemoryWhatsAppUserMove({ state, contacts, menus }) };
  }],
  ['redis', () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('move'));
    return {
      state: new RedisStateStorage(client, keys, 3600),
      contacts: new RedisWhatsAppContacts({ client, keys }),
      menus: new RedisMenuMemory(client, keys),
      move: new RedisWhatsAppUserMove(client, keys),
    };
  }],
];

const records = (id: string) => ({ waId: id, stateKeys: [`whatsapp/conversations/${id}/`, `whatsapp/users/${id}/`] });

describe.each(factories)('WhatsAppUserMove (%s)', (_name, make) => {
  it('moves state, contact record and menu to the new id and leaves nothing under the old one', async () => {
    const { state, contacts, menus, move } = make();
    await state.write({ 'whatsapp/users/111/': { profile: { language: 'en' } }, 'whatsapp/conversations/111/': { memory: { last: 'x' } } });
    await contacts.recordInbound('111', 5_000);
    await menus.save('111', ['faq:avrr.cost', 'intent.book']);
    await move.move(records('111'), records('222'));
    const moved = await state.read(['whatsapp/users/222/', 'whatsapp/conversations/222/', 'whatsapp/users/111/', 'whatsapp/conversations/111/']);
    expect(moved['whatsapp/users/222/']).toMatchObject({ profile: { language: 'en' } });
    expect(moved['whatsapp/conversations/222/']).toMatchObject({ memory: { last: 'x' } });
    expect(moved['whatsapp/users/111/']).toBeUndefined();
    expect(moved['whatsapp/conversations/111/']).toBeUndefined();
    expect(await contacts.lastInboundAt('222')).toBe(5_000);
    expect(await contacts.lastInboundAt('111')).toBeUndefined();
    expect(await menus.load('222')).toEqual(['faq:avrr.cost', 'intent.book']);
    expect(await menus.load('111')).toBeUndefined();
  });

  it('keeps what the new id already has and drops the old record', async () => {
    const { state, contacts, move } = make();
    await state.write({ 'whatsapp/users/333/': { profile: { language: 'en' } }, 'whatsapp/users/444/': { profile: { language: 'ar' } } });
    await contacts.recordInbound('333', 1_000);
    await contacts.recordInbound('444', 9_000);
    await move.move(records('333'), records('444'));
    expect((await state.read(['whatsapp/users/444/']))['whatsapp/users/444/']).toMatchObject({ profile: { language: 'ar' } });
    expect(await state.read(['whatsapp/users/333/'])).toEqual({});
    expect(await contacts.lastInboundAt('444')).toBe(9_000);
    expect(await contacts.lastInboundAt('333')).toBeUndefined();
  });

  it('marks a move under way until it ends', async () => {
    const { move } = make();
    expect(await move.pendingTarget('901')).toBeUndefined();
    await move.begin('901', '902');
    expect(await move.pendingTarget('901')).toBe('902');
    expect(await move.pendingTarget('902')).toBeUndefined();
    await move.end('901');
    expect(await move.pendingTarget('901')).toBeUndefined();
  });

  it('is harmless for a user with no records and when run twice', async () => {
    const { state, move } = make();
    await move.move(records('555'), records('666'));
    await state.write({ 'whatsapp/users/777/': { profile: {} } });
    await move.move(records('777'), records('888'));
    await move.move(records('777'), records('888'));
    expect(Object.keys(await state.read(['whatsapp/users/777/', 'whatsapp/users/888/']))).toEqual(['whatsapp/users/888/']);
  });
});

describe('WhatsAppUserMove lifetimes', () => {
  it('drops a move marker after its configured lifetime (memory clock)', async () => {
    let now = 1_000_000;
    const state = new MemoryStateStorage(3600);
    const move = new MemoryWhatsAppUserMove({ state, contacts: new MemoryWhatsAppContacts(), menus: new MemoryMenuMemory() }, 60, () => now);
    await move.begin('911', '912');
    now += 61_000;
    expect(await move.pendingTarget('911')).toBeUndefined();
  });

  it('on Redis, gives the marker its configured lifetime and keeps each moved record\'s remaining lifetime', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('movettl'));
    const move = new RedisWhatsAppUserMove(client, keys, 60);
    await move.begin('921', '922');
    const markerTtl = await client.ttl(keys.whatsappMove('921'));
    expect(markerTtl).toBeGreaterThan(0);
    expect(markerTtl).toBeLessThanOrEqual(60);
    await new RedisMenuMemory(client, keys).save('921', ['menu']);
    await client.pexpire(keys.whatsappMenu('921'), 50_000);
    await move.move(records('921'), records('922'));
    const ttl = await client.pttl(keys.whatsappMenu('922'));
    expect(ttl).toBeGreaterThan(40_000);
    expect(ttl).toBeLessThanOrEqual(50_000);
    expect(await client.exists(keys.whatsappMenu('921'))).toBe(0);
  });
});
