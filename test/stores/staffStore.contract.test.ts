import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { FileStaffAccounts } from '../../src/stores/file/fileStaffAccounts.js';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryAuditLog, MemoryStaffAccounts, MemoryStaffSessions } from '../../src/stores/memory/memoryStaffStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisAuditLog, RedisStaffAccounts, RedisStaffSessions } from '../../src/stores/redis/redisStaffStore.js';
import type { AuditLog, StaffAccountStore } from '../../src/stores/staffStore.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(() => clients.forEach((c) => c.disconnect()));
const redis = () => {
  const c = new Redis(inject('redisUrl'));
  clients.push(c);
  return { client: c, keys: redisKeys(uniquePrefix('staff')) };
};

const factories: Array<[string, () => { accounts: StaffAccountStore; audit: AuditLog }]> = [
  ['memory', () => ({ accounts: new MemoryStaffAccounts(), audit: new MemoryAuditLog() })],
  ['file (embedded store)', () => ({ accounts: new FileStaffAccounts(join(mkdtempSync(join(tmpdir(), 'staff-')), 'accounts.json')), audit: new MemoryAuditLog() })],
  ...REDIS_TOPOLOGIES.map((topology): [string, () => { accounts: StaffAccountStore; audit: AuditLog }] => [topology, () => {
    const client = testRedisClient(topology);
    const keys = redisKeys(uniquePrefix('staff'));
    return { accounts: new RedisStaffAccounts(client, keys), audit: new RedisAuditLog(client, keys) };
  }]),
];

describe.each(factories)('staff stores (%s)', (_name, create) => {
  it('creates an account once, updates fields, lists by name', async () => {
    const { accounts } = create();
    const account = { username: 'zoe', role: 'caseworker' as const, passwordHash: 'scrypt$1$1$1$a$b', disabled: false, createdAt: 5 };
    expect(await accounts.create(account)).toBe(true);
    expect(await accounts.create({ ...account, role: 'admin' })).toBe(false);
    expect(await accounts.create({ ...account, username: 'adam' })).toBe(true);
    expect(await accounts.update('zoe', { disabled: true, role: 'admin' })).toBe(true);
    expect(await accounts.update('ghost', { disabled: true })).toBe(false);
    expect(await accounts.get('ghost')).toBeUndefined();
    expect((await accounts.list()).map((a) => [a.username, a.role, a.disabled])).toEqual([['adam', 'caseworker', false], ['zoe', 'admin', true]]);
  });

  it('keeps audit entries in order for their lifetime, equal ones included', async () => {
    const { audit } = create();
    const day = 86_400_000;
    await audit.record({ at: 1_000, actor: 'a', action: 'claim', ticketId: 'h1' }, day);
    await audit.record({ at: 2_000, actor: 'a', action: 'view_transcript', ticketId: 'h1' }, day);
    await audit.record({ at: 2_000, actor: 'a', action: 'view_transcript', ticketId: 'h1' }, day);
    expect((await audit.list(0, 10_000)).map((e) => e.action)).toEqual(['claim', 'view_transcript', 'view_transcript']);
    expect(await audit.list(1_500, 2_000)).toEqual([]);
    await audit.record({ at: 1_000 + day + 1, actor: 'b', action: 'close' }, day);
    expect((await audit.list(0, 10 * day)).map((e) => e.action)).toEqual(['view_transcript', 'view_transcript', 'close']);
  });
});

describe('staff sessions', () => {
  it('end after the idle time unless touched (memory, injected clock)', async () => {
    const clock = { now: 0 };
    const sessions = new MemoryStaffSessions(() => clock.now);
    await sessions.create('h', { username: 'zoe', role: 'caseworker', createdAt: 0 }, 1000);
    clock.now = 900;
    expect(await sessions.get('h', true, 1000)).toMatchObject({ username: 'zoe' });
    clock.now = 1800;
    expect(await sessions.get('h', false, 1000)).toBeDefined();
    clock.now = 1900;
    expect(await sessions.get('h', false, 1000)).toBeUndefined();
  });

  it('expire in Redis after the idle time, renewed by a touch', async () => {
    const { client, keys } = redis();
    const sessions = new RedisStaffSessions(client, keys);
    await sessions.create('h', { username: 'zoe', role: 'admin', createdAt: 0 }, 60_000);
    await client.pexpire(keys.staffSession('h'), 1_000);
    expect(await sessions.get('h', false, 60_000)).toMatchObject({ role: 'admin' });
    expect(await client.pttl(keys.staffSession('h'))).toBeLessThanOrEqual(1_000);
    await sessions.get('h', true, 60_000);
    expect(await client.pttl(keys.staffSession('h'))).toBeGreaterThan(50_000);
    await sessions.remove('h');
    expect(await sessions.get('h', true, 60_000)).toBeUndefined();
  });
});

describe('FileStaffAccounts (the embedded store: the CLI writes, the running app reads)', () => {
  const account = (username: string) => ({ username, role: 'caseworker' as const, passwordHash: 'scrypt$1$1$1$a$b', disabled: false, createdAt: 5 });

  it('shows one writer\'s changes to another reader of the same file at once, and loses none of many writes at once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'staff-')), 'nested', 'accounts.json');
    const app = new FileStaffAccounts(file);
    expect(await app.list()).toEqual([]); // no file yet: no accounts
    const clis = Array.from({ length: 12 }, () => new FileStaffAccounts(file));
    const created = await Promise.all(clis.map((cli, i) => cli.create(account(`cw${i}`))));
    expect(created.every(Boolean)).toBe(true);
    expect((await app.list()).map((a) => a.username).sort()).toEqual(clis.map((_, i) => `cw${i}`).sort());
    expect(await clis[0]!.update('cw3', { disabled: true })).toBe(true);
    expect((await app.get('cw3'))?.disabled).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses a broken file with a clear error instead of reading it as "no accounts"', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'staff-')), 'accounts.json');
    writeFileSync(file, '{"version":1,"accounts":[{"username":"x"}]}');
    await expect(new FileStaffAccounts(file).get('x')).rejects.toThrow(/accounts file .* is not valid/);
  });
});
