import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { StoreBackend } from './createStores.js';
import { FileStaffAccounts } from './file/fileStaffAccounts.js';
import type { HandoffStore } from './handoffStore.js';
import { MemoryHandoffStore } from './memory/memoryHandoffStore.js';
import { MemoryAuditLog, MemoryStaffAccounts, MemoryStaffSessions } from './memory/memoryStaffStore.js';
import { RedisHandoffStore } from './redis/redisHandoffStore.js';
import { RedisAuditLog, RedisStaffAccounts, RedisStaffSessions } from './redis/redisStaffStore.js';
import type { AuditLog, StaffAccountStore, StaffSessionStore } from './staffStore.js';

/** The handoff queue's store on the configured backend (Redis, or memory without REDIS_URL). */
export function createHandoffStore(backend: Pick<StoreBackend, 'redis'>): HandoffStore {
  return backend.redis ? new RedisHandoffStore(backend.redis.client, backend.redis.keys) : new MemoryHandoffStore();
}

/** Login attempt limits: per account and per client address, each `points` attempts per `durationSeconds`. */
export interface LoginLimits {
  readonly perAccount: number;
  readonly perAddress: number;
  readonly durationSeconds: number;
}

/** Staff accounts, sessions, audit log and login limiters on the configured backend. */
export interface StaffStores {
  readonly accounts: StaffAccountStore;
  readonly sessions: StaffSessionStore;
  readonly audit: AuditLog;
  readonly limiters: { readonly account: RateLimiterAbstract; readonly address: RateLimiterAbstract };
}

/**
 * Builds the staff stores (shared by every staff view: console, bookings). Without Redis, accounts live in
 * `accountsFile` (which `npm run caseworker` writes), sessions, audit and limits in the process.
 */
export function createStaffStores(backend: Pick<StoreBackend, 'redis'>, limits: LoginLimits, accountsFile?: string): StaffStores {
  const redis = backend.redis;
  const limiter = (scope: 'account' | 'address', points: number): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, keyPrefix: redis.keys.staffLoginLimiter(scope), points, duration: limits.durationSeconds })
      : new RateLimiterMemory({ keyPrefix: scope, points, duration: limits.durationSeconds });
  const limiters = { account: limiter('account', limits.perAccount), address: limiter('address', limits.perAddress) };
  if (!redis) {
    const accounts = accountsFile ? new FileStaffAccounts(accountsFile) : new MemoryStaffAccounts();
    return { accounts, sessions: new MemoryStaffSessions(), audit: new MemoryAuditLog(), limiters };
  }
  return {
    accounts: new RedisStaffAccounts(redis.client, redis.keys),
    sessions: new RedisStaffSessions(redis.client, redis.keys),
    audit: new RedisAuditLog(redis.client, redis.keys),
    limiters,
  };
}
