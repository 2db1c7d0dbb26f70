/**
 * The only place that builds Redis key strings.
 * Keys that one Lua script touches together share a `{hash tag}` so they land in one Redis Cluster slot.
 */
export function redisKeys(prefix: string) {
  const p = prefix;
  return {
    /** Hash holding one botbuilder state item (fields: e = eTag, d = JSON, v = version counter). */
    state: (key: string) => `${p}:state:{${key}}`,
  } as const;
}

/** The key builder for one prefix. */
export type RedisKeys = ReturnType<typeof redisKeys>;
