import { describe, expect, it } from 'vitest';
import { isCluster } from '../../../src/stores/redis/redisConnection.js';
import { enforceRedisDurability } from '../../../src/stores/redis/redisDurability.js';
import { testRedisClient } from '../../helpers/redisClients.js';

describe('Redis durability on a cluster', () => {
  it('checks every master, and names the one that would lose data', async () => {
    const cluster = testRedisClient('redis cluster');
    if (!isCluster(cluster)) throw new Error('expected a cluster client');
    const warnings: string[] = [];
    const warn = (_d: Record<string, unknown>, message: string) => warnings.push(message);
    expect((await enforceRedisDurability(cluster, { require: false, warn })).problems).toEqual([]);

    const [first] = cluster.nodes('master');
    if (!first) throw new Error('no master listed');
    const address = `${first.options.host}:${first.options.port}`;
    await first.config('SET', 'appendonly', 'no');
    try {
      const report = await enforceRedisDurability(cluster, { require: false, warn });
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatch(new RegExp(`^master ${address}: appendonly is off`));
      expect(warnings).toHaveLength(1);
      await expect(enforceRedisDurability(cluster, { require: true, warn })).rejects.toThrow(address);
    } finally {
      await first.config('SET', 'appendonly', 'yes');
    }
  });
});
