/**
 * The only place that builds Redis key strings.
 * Keys that one Lua script touches together share a `{hash tag}` so they land in one Redis Cluster slot.
 */
export function redisKeys(prefix: string) {
  const p = prefix;
  return {
    /** Hash holding one botbuilder state item (fields: e = eTag, d = JSON, v = version counter). */
    state: (key: string) => `${p}:state:{${key}}`,
    /** List of one web chat conversation's activities (JSON, without ids). */
    conversationLog: (conversationId: string) => `${p}:dl:{${conversationId}}:log`,
    /** Marker that a web chat conversation exists (expires with it). */
    conversationMarker: (conversationId: string) => `${p}:dl:{${conversationId}}:meta`,
    /** Pub/sub channel announcing new web chat activities (message: conversation id). */
    conversationEvents: () => `${p}:dl:events`,
    /** JSON array of the values of the last numbered WhatsApp menu sent to a user (expires after a day). */
    whatsappMenu: (waId: string) => `${p}:wa:menu:{${waId}}`,
    /** Hash of outbound WhatsApp messages kept for staff, by entry id (kind: `dead` letters or `held` outside the 24 h window). */
    outboxEntries: (kind: 'dead' | 'held') => `${p}:{outbox}:${kind}`,
    /** Sorted set of those entry ids by time (ms). */
    outboxIndex: (kind: 'dead' | 'held') => `${p}:{outbox}:${kind}:index`,
    /** Idempotency claim of one outbound reply (`pending`, `sent:<graph id>`, `dead:<entry id>`, `held:<entry id>`). */
    outboxClaim: (idempotencyKey: string) => `${p}:{outbox}:claim:${idempotencyKey}`,
  } as const;
}

/** The key builder for one prefix. */
export type RedisKeys = ReturnType<typeof redisKeys>;
