import type { RedisClient } from './redisConnection.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';

/**
 * Rewrites entries of one hash of JSON records (staff lists that hold a user's id in each record): `rewrite`
 * returns the new value of an entry, or undefined to leave it. The new values are written by one
 * compare-and-set script (replaceHashFields-1.lua), read again and retried when an entry changed meanwhile.
 * Returns the fields rewritten (on a retry, also those tried before). The hash stays whole on its own slot; its lifetime is kept.
 */
export async function rewriteHashEntries(client: RedisClient, hashKey: string, rewrite: (field: string, json: string) => string | undefined): Promise<string[]> {
  const script = defineLuaScript(client, 'replaceHashFields-1.lua');
  const touched = new Set<string>();
  for (let attempt = 0; attempt < 5; attempt++) {
    const all = await client.hgetall(hashKey);
    const triples: string[] = [];
    const fields: string[] = [];
    for (const [field, json] of Object.entries(all)) {
      const next = rewrite(field, json);
      if (next === undefined || next === json) continue;
      triples.push(field, json, next);
      fields.push(field);
    }
    if (triples.length === 0) return [...touched];
    for (const field of fields) touched.add(field);
    if ((await runLuaScript<number>(client, script, [hashKey], triples)) === 0) return [...touched];
  }
  throw new Error(`Rewriting entries of ${hashKey} did not settle after 5 attempts: they keep changing`);
}

/** Parses JSON, or undefined when it is not. */
export function parseJsonOrUndefined(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
