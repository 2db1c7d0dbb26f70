import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

/**
 * MONITOR on a plain socket: ioredis' monitor mode can lose track of its command queue when a line arrives
 * with a reply ("Command queue state error"). Each line is `+<time> [<db> <source>] "<arg>" "<arg>"…`;
 * `onCommand` gets the source (`lua` for a script's own commands), the arguments and Redis' clock in ms.
 */
export async function watchRedis(url: string, onCommand: (source: string, args: string[], time: number) => void): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let buffered = '';
  let subscribed: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (subscribed = resolve));
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (line === '+OK') subscribed();
      const m = /^\+(\S+) \[\d+ ([^\]]+)\] (.*)$/.exec(line);
      if (m) onCommand(m[2]!, [...m[3]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((a) => a[1]!), Number(m[1]) * 1000);
    }
  });
  socket.write('MONITOR\r\n');
  await ready;
  return socket;
}


/** Script names (file name without `-<keys>.lua`) by the SHA1 Redis knows them by (EVALSHA), from `luaDir`. */
export function luaScriptNames(luaDir = 'src/stores/redis/lua'): Map<string, string> {
  return new Map(
    readdirSync(luaDir).map((file) => [createHash('sha1').update(readFileSync(join(luaDir, file), 'utf8')).digest('hex'), file.replace(/-\d+\.lua$/, '')]),
  );
}
