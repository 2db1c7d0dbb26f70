import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { WhatsAppContactStore } from '../../../src/channels/whatsapp/contactStore.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisWhatsAppContacts } from '../../../src/stores/redis/redisWhatsAppContacts.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const client of clients) await client.quit();
});

const factories: Array<[string, (ttlSeconds?: number) => WhatsAppContactStore]> = [
  ['memory', (ttlSeconds) => new MemoryWhatsAppContacts({ ttlSeconds })],
  ['redis', (ttlSeconds) => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    return new RedisWhatsAppContacts({ client, keys: redisKeys(uniquePrefix('wac')), ttlSeconds });
  }],
];

describe.each(factories)('WhatsAppContactStore (%s)', (_name, make) => {
  describe('.recordInbound', () => {
    it('keeps the newest inbound time, whatever the order of calls', async () => {
      const store = make();
      expect(await store.lastInboundAt('212600000001')).toBeUndefined();
      await store.recordInbound('212600000001', 2_000);
      await store.recordInbound('212600000001', 1_000);
      expect(await store.lastInboundAt('212600000001')).toBe(2_000);
      await store.recordInbound('212600000001', 3_000);
      expect(await store.lastInboundAt('212600000001')).toBe(3_000);
      expect(await store.lastInboundAt('212600000002')).toBeUndefined();
    });
  });

  describe('.recordOutbound', () => {
    it('does not re-create the record of a user who erased their data', async () => {
      const store = make();
      await store.recordInbound('212600000013', 1_000);
      await store.forget('212600000013');
      await store.recordOutbound('212600000013', 'wamid.out.2', 1_500);
      expect(await store.lastInboundAt('212600000013')).toBeUndefined();
      expect(await store.recordStatus({ waId: '212600000013', messageId: 'wamid.out.2', status: 'sent', at: 1_600 })).toBe(false);
    });
  });

  describe('.forget', () => {
    it('erases one user and nobody else', async () => {
      const store = make();
      await store.recordInbound('212600000011', 1_000);
      await store.recordOutbound('212600000011', 'wamid.out.1', 1_500);
      await store.recordInbound('212600000012', 1_000);
      await store.forget('212600000011');
      expect(await store.lastInboundAt('212600000011')).toBeUndefined();
      expect(await store.lastStatus('212600000011')).toBeUndefined();
      expect(await store.lastInboundAt('212600000012')).toBe(1_000);
    });
  });

  describe('.recordStatus', () => {
    it('keeps statuses of the last outbound message only', async () => {
      const store = make();
      expect(await store.recordStatus({ waId: 'u1', messageId: 'wamid.A', status: 'sent', at: 1 })).toBe(false);
      await store.recordInbound('u1', 5);
      await store.recordOutbound('u1', 'wamid.A', 10);
      expect(await store.recordStatus({ waId: 'u1', messageId: 'wamid.A', status: 'delivered', at: 11 })).toBe(true);
      expect(await store.lastStatus('u1')).toEqual({ waId: 'u1', messageId: 'wamid.A', status: 'delivered', at: 11 });
      await store.recordOutbound('u1', 'wamid.B', 20);
      expect(await store.lastStatus('u1')).toBeUndefined();
      expect(await store.recordStatus({ waId: 'u1', messageId: 'wamid.A', status: 'read', at: 21 })).toBe(false);
      expect(await store.recordStatus({ waId: 'u1', messageId: 'wamid.B', status: 'sent', at: 22 })).toBe(true);
      expect(await store.lastStatus('u1')).toMatchObject({ messageId: 'wamid.B', status: 'sent' });
    });

    it('never goes backwards and keeps failed as final, with its error code', async () => {
      const store = make();
      await store.recordInbound('u2', 5);
      await store.recordOutbound('u2', 'wamid.C', 10);
      expect(await store.recordStatus({ waId: 'u2', messageId: 'wamid.C', status: 'read', at: 13 })).toBe(true);
      expect(await store.recordStatus({ waId: 'u2', messageId: 'wamid.C', status: 'delivered', at: 12 })).toBe(false);
      expect(await store.lastStatus('u2')).toMatchObject({ status: 'read', at: 13 });
      expect(await store.recordStatus({ waId: 'u2', messageId: 'wamid.C', status: 'failed', at: 14, errorCode: 131026 })).toBe(true);
      expect(await store.recordStatus({ waId: 'u2', messageId: 'wamid.C', status: 'read', at: 15 })).toBe(false);
      expect(await store.lastStatus('u2')).toEqual({ waId: 'u2', messageId: 'wamid.C', status: 'failed', at: 14, errorCode: 131026 });
    });
  });
});

describe('RedisWhatsAppContacts', () => {
  it('sets the idle TTL on every write', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('wac'));
    const store = new RedisWhatsAppContacts({ client, keys, ttlSeconds: 120 });
    await store.recordInbound('u3', 5);
    const ttl = await client.ttl(keys.whatsappContact('u3'));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });
});
