import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { connectRedis, createRedisClient, createRedisClusterClient, redisTargetOf, type RedisClient } from '../../../src/stores/redis/redisConnection.js';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { startRedisCluster, type RedisClusterHandle } from '../../helpers/redisCluster.js';
import { startRedisServer, type RedisServerHandle } from '../../helpers/redisServer.js';
import { makeTestCertificates, type TestCertificates } from '../../helpers/tlsCertificates.js';

const PASSWORD = 'tdu-test-pass:w/rd';
const opened: RedisClient[] = [];
const track = <T extends RedisClient>(client: T): T => {
  client.on('error', () => {}); // the refused clients below fail on purpose
  opened.push(client);
  return client;
};

let certs: TestCertificates;
let passwordCluster: RedisClusterHandle;
let tlsCluster: RedisClusterHandle;
let tlsServer: RedisServerHandle;

beforeAll(async () => {
  certs = await makeTestCertificates();
  // Started one after the other: 7 redis-servers at once on a loaded 2-core machine is slow enough.
  passwordCluster = await startRedisCluster(3, { password: PASSWORD });
  tlsCluster = await startRedisCluster(3, { password: PASSWORD, tls: certs });
  tlsServer = await startRedisServer({ password: PASSWORD, tls: certs, appendOnly: false });
}, 120_000);

afterAll(async () => {
  for (const c of opened) c.disconnect();
  await Promise.all([passwordCluster?.stop(), tlsCluster?.stop(), tlsServer?.stop()]);
  certs?.remove();
});

/** Resolves with the first error the client reports; fails if it becomes ready instead (20 s bound). */
function refused(client: RedisClient): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('neither ready nor refused after 20 s')), 20_000);
    client.once('error', (err: Error) => {
      clearTimeout(timer);
      // Stop its retries at once: a refused client left reconnecting until afterAll kept starting TLS handshakes,
      // and one ended in an SSL error outside the client's handlers (an unhandled error in a fresh-clone run).
      client.disconnect();
      resolve(err.message);
    });
    client.once('ready', () => {
      clearTimeout(timer);
      reject(new Error('the client was let in'));
    });
  });
}

/** Enqueues and claims one message in each of the 16 partitions: every master of the cluster is used, not only the seed. */
async function usesEveryNode(client: RedisClient): Promise<void> {
  const queue = new RedisInboundQueue({ client, keys: redisKeys('authtls'), maxDepth: 1000, partitions: 16 });
  for (let i = 0; i < 48; i++) await queue.enqueue({ id: `m${i}`, conversationKey: `whatsapp:2126000${i}`, channel: 'whatsapp', payload: '{}' });
  const claimed = new Set<string>();
  for (let i = 0; i < 48; i++) {
    const lease = await queue.claim('w', 30_000);
    if (!lease) break;
    claimed.add(lease.message.id);
    await queue.ack(lease);
  }
  expect(claimed.size).toBe(48);
}

describe('Redis Cluster with a password (requirepass + masterauth on every node)', () => {
  it('works with REDIS_CLUSTER_PASSWORD, on every node the cluster names', async () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: passwordCluster.nodes.join(','), REDIS_CLUSTER_PASSWORD: PASSWORD });
    await usesEveryNode(track(connectRedis(redisTargetOf(config), 'auth-test')));
  });

  it('is refused without the password, or with a wrong one', async () => {
    for (const auth of [{}, { password: 'wrong' }]) {
      const client = track(createRedisClusterClient(passwordCluster.nodes, 'auth-test', auth));
      await expect(refused(client)).resolves.toBeTruthy();
    }
  });
});

describe('Redis Cluster over TLS (tls-port, tls-cluster yes) with a password', () => {
  it('works with REDIS_CLUSTER_TLS, the CA in REDIS_TLS_CA_FILE and REDIS_CLUSTER_PASSWORD', async () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: tlsCluster.nodes.join(','), REDIS_CLUSTER_PASSWORD: PASSWORD, REDIS_CLUSTER_TLS: 'true', REDIS_TLS_CA_FILE: certs.caFile });
    await usesEveryNode(track(connectRedis(redisTargetOf(config), 'tls-test')));
  });

  it('is refused in plain TCP, and over TLS without the CA (the certificate is checked)', async () => {
    const plain = track(createRedisClusterClient(tlsCluster.nodes, 'tls-test', { password: PASSWORD }));
    await expect(refused(plain)).resolves.toBeTruthy();
    const unknownCa = track(createRedisClusterClient(tlsCluster.nodes, 'tls-test', { password: PASSWORD, tls: true }));
    await expect(refused(unknownCa)).resolves.toBeTruthy();
  });
});

describe('one Redis server over rediss:// with a password in the URL', () => {
  it('works with REDIS_URL=rediss://:password@… and REDIS_TLS_CA_FILE', async () => {
    expect(tlsServer.url).toMatch(/^rediss:\/\/:[^@]+@127\.0\.0\.1:\d+$/);
    const config = loadConfig({ REDIS_URL: tlsServer.url, REDIS_TLS_CA_FILE: certs.caFile });
    const client = track(connectRedis(redisTargetOf(config), 'tls-test'));
    await client.set('authtls:single', 'ok');
    expect(await client.get('authtls:single')).toBe('ok');
  });

  it('is refused without the CA (the certificate is checked) and in plain redis://', async () => {
    const unknownCa = track(createRedisClient(tlsServer.url, 'tls-test'));
    await expect(unknownCa.get('authtls:single')).rejects.toThrow();
    unknownCa.disconnect(); // no retries left running (see refused())
    const plain = track(createRedisClient(tlsServer.url.replace('rediss://', 'redis://'), 'tls-test'));
    await expect(plain.get('authtls:single')).rejects.toThrow();
    plain.disconnect();
  });
});
