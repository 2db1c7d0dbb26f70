import { connect, createServer, type Server, type Socket } from 'node:net';

/** One wait of a client on Redis: the commands it sent on one connection before it could have read any answer. */
export interface RoundTrip {
  /** Proxy connection number (one per client connection). */
  readonly connection: number;
  /** The commands of the burst, each as its arguments (`['EVALSHA', '<sha>', '2', …]`). */
  readonly commands: string[][];
}

/** A TCP proxy in front of one Redis that groups each client connection's commands into {@link RoundTrip}s. */
export interface RoundTripProxy {
  /** `redis://127.0.0.1:<port>` of the proxy. */
  readonly url: string;
  /**
   * The round trips seen since the last call, in the order they began; the next bytes of every connection start
   * a new one (a command sent after the call is not counted in a trip taken before it).
   */
  take(): RoundTrip[];
  stop(): Promise<void>;
}

/**
 * Starts a loopback proxy to `redisUrl` that counts round trips honestly, whatever the client does to batch its
 * commands (Lua scripts, MULTI, explicit pipelines, commands sent side by side):
 * - every answer from Redis is held back `latencyMs` before it reaches the client, like a network would, so
 *   commands a client sends together really are sent before any of their answers arrive;
 * - a round trip starts with the first bytes a client sends after the proxy handed it an answer (those bytes may
 *   depend on that answer), and takes every command the client sends until the proxy hands it the next answer.
 * Commands sent side by side on one connection thus count once; commands that wait for an answer count again.
 * Side-by-side commands on two connections count twice (conservative). Client commands are parsed from RESP arrays.
 */
export async function startRoundTripProxy(redisUrl: string, latencyMs = 3): Promise<RoundTripProxy> {
  const { hostname, port } = new URL(redisUrl);
  const trips: RoundTrip[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let generation = 0;
  const server: Server = createServer((client) => {
    const connection = ++connections;
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let current: RoundTrip | undefined;
    let currentGeneration = generation;
    let pending: Buffer = Buffer.alloc(0);
    let answered = true;
    let lastDelivery = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      if (answered || !current || currentGeneration !== generation) {
        current = { connection, commands: [] };
        currentGeneration = generation;
        trips.push(current);
        answered = false;
      }
      pending = Buffer.concat([pending, chunk]);
      const parsed = parseCommands(pending);
      pending = parsed.rest;
      current.commands.push(...parsed.commands);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      // Delivered in order, each after the latency: the client cannot react to an answer before it arrives.
      lastDelivery = lastDelivery.then(() => new Promise<void>((resolve) => setTimeout(resolve, latencyMs))).then(() => {
        answered = true;
        if (!client.destroyed) client.write(chunk);
      });
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    take: () => {
      generation++;
      return trips.splice(0);
    },
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Complete RESP arrays of bulk strings at the start of `buffer` (how every client sends commands), and the rest. */
function parseCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let offset = 0;
  for (;;) {
    const parsed = parseOne(buffer, offset);
    if (!parsed) break;
    commands.push(parsed.args);
    offset = parsed.end;
  }
  return { commands, rest: buffer.subarray(offset) };
}

function parseOne(buffer: Buffer, start: number): { args: string[]; end: number } | undefined {
  const line = readLine(buffer, start);
  if (!line || !line.text.startsWith('*')) return undefined;
  const count = Number(line.text.slice(1));
  const args: string[] = [];
  let offset = line.end;
  for (let i = 0; i < count; i++) {
    const header = readLine(buffer, offset);
    if (!header) return undefined;
    const length = Number(header.text.slice(1));
    if (buffer.length < header.end + length + 2) return undefined;
    args.push(buffer.subarray(header.end, header.end + length).toString('utf8'));
    offset = header.end + length + 2;
  }
  return { args, end: offset };
}

function readLine(buffer: Buffer, start: number): { text: string; end: number } | undefined {
  const end = buffer.indexOf('\r\n', start);
  return end < 0 ? undefined : { text: buffer.subarray(start, end).toString('utf8'), end: end + 2 };
}
