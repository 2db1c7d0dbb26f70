import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkRedisDurability, enforceRedisDurability, RedisNotDurableError } from '../../../src/stores/redis/redisDurability.js';
import { runAppToExit, startApp } from '../../helpers/appProcess.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redisServer.js';

let volatile: RedisServerHandle;
const clients: Redis[] = [];
beforeAll(async () => {
  volatile = await startRedisServer({ appendOnly: false, maxmemoryPolicy: 'allkeys-lru' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
  await volatile.stop();
});

function client(url: string): Redis {
  const c = new Redis(url);
  clients.push(c);
  return c;
}

describe('checkRedisDurability', () => {
  it('finds nothing wrong with the test Redis, which runs like production (AOF on, noeviction)', async () => {
    const report = await checkRedisDurability(client(inject('redisUrl')));
    expect(report.settings).toEqual({ appendonly: 'yes', appendfsync: 'everysec', 'maxmemory-policy': 'noeviction' });
    expect(report.problems).toEqual([]);
  });

  it('names the risk and the fix of AOF off and of an evicting policy', async () => {
    const report = await checkRedisDurability(client(volatile.url));
    expect(report.problems).toHaveLength(2);
    expect(report.problems[0]).toMatch(/appendonly is off: a Redis restart loses .* Fix: appendonly yes/);
    expect(report.problems[1]).toMatch(/maxmemory-policy is allkeys-lru: .* Fix: maxmemory-policy noeviction/);
  });

  it('warns once per problem, or refuses when durability is required', async () => {
    const warnings: string[] = [];
    await enforceRedisDurability(client(volatile.url), { require: false, warn: (_d, m) => warnings.push(m) });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('REDIS_REQUIRE_DURABLE=true');
    await expect(enforceRedisDurability(client(volatile.url), { require: true, warn: () => {} })).rejects.toBeInstanceOf(RedisNotDurableError);
  });
});

describe('the assistant at start (real process)', () => {
  it('refuses to start on a non-durable Redis with REDIS_REQUIRE_DURABLE=true, saying why', async () => {
    const { code, output } = await runAppToExit({ REDIS_URL: volatile.url, REDIS_REQUIRE_DURABLE: 'true', PORT: '0', LOG_LEVEL: 'warn' });
    expect(code).toBe(1);
    expect(output).toContain('RedisNotDurableError');
    expect(output).toContain('appendonly is off');
  });

  it('starts with a clear warning on a non-durable Redis by default', async () => {
    const app = await startApp({ REDIS_URL: volatile.url });
    try {
      expect(app.output()).toContain('Redis may lose data: appendonly is off');
    } finally {
      await app.stop();
    }
  });
});
