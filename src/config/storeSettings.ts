// The stores: one Redis or a Redis Cluster, key prefix and state lifetime, durability and TLS
// Part of the one schema of the assistant's settings (config.ts); `.env.example` documents each variable.
import { z } from 'zod';
import { positiveInt, optionalString, bool } from './configFields.js';

/** The stores (see config.ts). */
export const STORE_SETTINGS = {
  /** Redis connection; when unset the embedded in-memory store is used. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'letters, digits, _ . : - only, at most 40')
    .default('tdu'),
  /** Conversation state expires after this many seconds without a message, default 30 days. */
  STATE_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),

  /** With REDIS_URL: refuse to start when Redis is not durable (AOF off, evicting maxmemory-policy) instead of warning. */
  REDIS_REQUIRE_DURABLE: bool.default(false),

  // --- Redis Cluster (issue 13, scale-out) ---
  /** Seed nodes of a Redis Cluster, comma-separated `host:port`; when set, the stores use it instead of REDIS_URL. */
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((n) => n.trim()).filter((n) => n !== ''))
    .pipe(z.array(z.string().regex(/^[^\s:,]+:\d{1,5}$/, 'each node must be host:port'))),
  /**
   * Slots the inbound queue is spread over, each its own hash tag; default 16 on a cluster, 1 on one Redis.
   * Never change it while messages wait: a conversation's partition would change (drain the queue first).
   */
  INBOUND_PARTITIONS: positiveInt.max(1024).optional(),
  /** ACL user of every cluster node (Redis 6+ `user`); unset = the `default` user. */
  REDIS_CLUSTER_USERNAME: optionalString,
  /** Password of every cluster node (`requirepass`, or the ACL user's); the nodes' `masterauth` must match it. */
  REDIS_CLUSTER_PASSWORD: optionalString,
  /** Talk TLS to every cluster node (their `tls-port`, `tls-cluster yes`), as `rediss://` does for REDIS_URL. */
  REDIS_CLUSTER_TLS: bool.default(false),
  /** PEM file of the CA that signed Redis' certificate, for `rediss://` and REDIS_CLUSTER_TLS; unset = the system's CAs. */
  REDIS_TLS_CA_FILE: optionalString,
};
