import { describe, expect, it } from 'vitest';
import { loadConfig, turnProcessCount } from '../../src/config/config.js';
import { ConfigError } from '../../src/config/configError.js';
import { v8MemoryFlags } from '../../src/config/v8MemoryFlags.js';

describe('loadConfig', () => {
  it('gives sane defaults for an empty environment (embedded store, port 3978, French)', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3978, DEFAULT_LANGUAGE: 'fr', KEY_PREFIX: 'tdu' });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reports one clear line per bad variable, with an example', () => {
    try {
      loadConfig({ PORT: 'abc', REDIS_URL: 'localhost:6379', DEFAULT_LANGUAGE: 'de' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.find((p) => p.startsWith('PORT:'))).toContain('example: PORT=3978');
      expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toContain('redis://');
      expect(problems.find((p) => p.startsWith('DEFAULT_LANGUAGE:'))).toBeDefined();
    }
  });

  it('asks for every WhatsApp secret when only some are set', () => {
    expect(() => loadConfig({ WHATSAPP_ACCESS_TOKEN: 'x' })).toThrowError(/WHATSAPP_APP_SECRET: missing/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ REDIS_URL: '', MicrosoftAppId: '' }).REDIS_URL).toBeUndefined();
  });

  it('reads the Direct Line allowed origins: any by default, else a list of origins', () => {
    expect(loadConfig({}).DIRECTLINE_ALLOWED_ORIGINS).toBe('*');
    expect(loadConfig({ DIRECTLINE_ALLOWED_ORIGINS: '' }).DIRECTLINE_ALLOWED_ORIGINS).toBe('*');
    expect(loadConfig({ DIRECTLINE_ALLOWED_ORIGINS: 'https://partner.example.org/, http://127.0.0.1:8080' }).DIRECTLINE_ALLOWED_ORIGINS).toEqual([
      'https://partner.example.org',
      'http://127.0.0.1:8080',
    ]);
    expect(() => loadConfig({ DIRECTLINE_ALLOWED_ORIGINS: 'partner.example.org' })).toThrowError(/DIRECTLINE_ALLOWED_ORIGINS: "partner.example.org" is not an origin.*example: DIRECTLINE_ALLOWED_ORIGINS=/);
  });

  it('reads REDIS_CLUSTER_NODES as host:port seed nodes (none by default) and INBOUND_PARTITIONS', () => {
    expect(loadConfig({}).REDIS_CLUSTER_NODES).toEqual([]);
    expect(loadConfig({}).INBOUND_PARTITIONS).toBeUndefined();
    const config = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,', INBOUND_PARTITIONS: '32' });
    expect(config.REDIS_CLUSTER_NODES).toEqual(['10.0.0.1:7000', 'redis-b:7001']);
    expect(config.INBOUND_PARTITIONS).toBe(32);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1' })).toThrowError(/REDIS_CLUSTER_NODES.*host:port.*example: REDIS_CLUSTER_NODES=/);
    expect(() => loadConfig({ INBOUND_PARTITIONS: '0' })).toThrowError(/INBOUND_PARTITIONS/);
  });

  it('runs turn worker threads on every core with Redis, in process on the embedded store, and refuses WORKERS > 1 without Redis', () => {
    const redis = { REDIS_URL: 'redis://127.0.0.1:6390' };
    expect(turnProcessCount(loadConfig(redis), 2)).toBe(2);
    expect(turnProcessCount(loadConfig({ ...redis, WORKERS: '1' }), 2)).toBe(1);
    expect(turnProcessCount(loadConfig({ ...redis, WORKERS: '' }), 4)).toBe(4);
    expect(turnProcessCount(loadConfig({}), 8)).toBe(1);
    expect(loadConfig({ SEND_CONCURRENCY: '64' }).SEND_CONCURRENCY).toBe(64);
    expect(() => loadConfig({ WORKERS: '2' })).toThrowError(/WORKERS: more than 1 needs REDIS_URL/);
    // A cluster is Redis too: its instances run their turns on every core.
    const cluster = { REDIS_CLUSTER_NODES: '127.0.0.1:7000,127.0.0.1:7001' };
    expect(turnProcessCount(loadConfig(cluster), 2)).toBe(2);
    expect(loadConfig({ ...cluster, WORKERS: '2' }).WORKERS).toBe(2);
    expect(loadConfig({ TURN_THREAD_YOUNG_GEN_MB: '8' }).TURN_THREAD_YOUNG_GEN_MB).toBe(8);
    expect(loadConfig({ TURN_THREAD_YOUNG_GEN_MB: '' }).TURN_THREAD_YOUNG_GEN_MB).toBe(8);
    expect(loadConfig({}).TURN_THREAD_YOUNG_GEN_MB).toBe(8);
    expect(() => loadConfig({ TURN_THREAD_YOUNG_GEN_MB: 'lots' })).toThrowError(/TURN_THREAD_YOUNG_GEN_MB/);
  });

  it('reads the V8 heap sizing (default 10% growth, 1 MB main semi-space; 0 leaves V8 its own) and turns it into flags', () => {
    expect(v8MemoryFlags(loadConfig({}))).toEqual(['--heap-growing-percent=10', '--max-semi-space-size=1']);
    expect(v8MemoryFlags(loadConfig({ HEAP_GROWING_PERCENT: '', MAIN_SEMI_SPACE_MB: '' }))).toEqual(['--heap-growing-percent=10', '--max-semi-space-size=1']);
    expect(v8MemoryFlags(loadConfig({ HEAP_GROWING_PERCENT: '25', MAIN_SEMI_SPACE_MB: '0' }))).toEqual(['--heap-growing-percent=25']);
    expect(v8MemoryFlags(loadConfig({ HEAP_GROWING_PERCENT: '0', MAIN_SEMI_SPACE_MB: '0' }))).toEqual([]);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '-1' })).toThrowError(/HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ MAIN_SEMI_SPACE_MB: 'big' })).toThrowError(/MAIN_SEMI_SPACE_MB/);
  });

  it('reads the cluster password, user, TLS and CA file, and refuses them without cluster nodes or with an unreadable CA', () => {
    const cluster = { REDIS_CLUSTER_NODES: '127.0.0.1:7000' };
    expect(loadConfig(cluster)).toMatchObject({ REDIS_CLUSTER_TLS: false, INBOUND_IDLE_POLL_MAX_MS: 1000 });
    expect(loadConfig(cluster).REDIS_CLUSTER_PASSWORD).toBeUndefined();
    expect(loadConfig({ ...cluster, REDIS_CLUSTER_PASSWORD: 's3cret', REDIS_CLUSTER_USERNAME: 'app', REDIS_CLUSTER_TLS: 'true', REDIS_TLS_CA_FILE: 'package.json' })).toMatchObject({
      REDIS_CLUSTER_PASSWORD: 's3cret', REDIS_CLUSTER_USERNAME: 'app', REDIS_CLUSTER_TLS: true, REDIS_TLS_CA_FILE: 'package.json',
    });
    expect(() => loadConfig({ ...cluster, REDIS_CLUSTER_TLS: 'maybe' })).toThrowError(/REDIS_CLUSTER_TLS/);
    expect(() => loadConfig({ REDIS_CLUSTER_PASSWORD: 's3cret' })).toThrowError(/REDIS_CLUSTER_PASSWORD.*REDIS_CLUSTER_NODES, which is empty/);
    expect(() => loadConfig({ REDIS_URL: 'rediss://127.0.0.1:6380', REDIS_TLS_CA_FILE: '/nonexistent/ca.crt' })).toThrowError(/REDIS_TLS_CA_FILE: cannot read/);
    expect(() => loadConfig({ INBOUND_IDLE_POLL_MAX_MS: '0' })).toThrowError(/INBOUND_IDLE_POLL_MAX_MS/);
  });
});
