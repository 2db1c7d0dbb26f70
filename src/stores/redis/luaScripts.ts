import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from './redisConnection.js';

const LUA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'lua');

/** Bumped when any script changes, so two versions of the app on one Redis never mix scripts. */
export const LUA_VERSION = 4;

/**
 * Loads `lua/<name>-<keyCount>.lua` once onto `client` as command `<name>V<LUA_VERSION>`
 * (ioredis caches the SHA and falls back to EVAL after a Redis restart).
 * Returns the command name to call with `client.call`-style dynamic access.
 */
export function defineLuaScript(client: RedisClient, file: `${string}-${number}.lua`, options: { variadicKeys?: boolean } = {}): string {
  const match = /^(.+)-(\d+)\.lua$/.exec(file);
  if (!match) throw new Error(`Lua script file name must be <name>-<keyCount>.lua, got ${file}`);
  const [, name, keys] = match as unknown as [string, string, string];
  const command = `${name}V${LUA_VERSION}`;
  if (!(command in client)) {
    const lua = readFileSync(join(LUA_DIR, file), 'utf8');
    // Variadic scripts take at least <keyCount> keys; the caller passes the count (runVariadicLuaScript).
    client.defineCommand(command, options.variadicKeys ? { lua } : { numberOfKeys: Number(keys), lua });
  }
  return command;
}

/** Runs a script defined by {@link defineLuaScript}. */
export function runLuaScript<T = unknown>(client: RedisClient, command: string, keys: string[], args: (string | number)[]): Promise<T> {
  const fn = (client as unknown as Record<string, (...a: unknown[]) => Promise<T>>)[command];
  if (!fn) throw new Error(`Lua command ${command} was not defined on this client`);
  return fn.call(client, ...keys, ...args);
}

/** Runs a script defined with `variadicKeys` (its key count is sent first, as EVALSHA expects). */
export function runVariadicLuaScript<T = unknown>(client: RedisClient, command: string, keys: string[], args: (string | number)[]): Promise<T> {
  return runLuaScript<T>(client, command, [String(keys.length), ...keys], args);
}
