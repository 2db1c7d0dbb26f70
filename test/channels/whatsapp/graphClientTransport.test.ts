import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GraphApiError, GraphClient } from '../../../src/channels/whatsapp/graphClient.js';

// The transport of the Graph path (issue 13, "lean outbound HTTP"): sockets are reused, redirects are not
// followed, and no proxy from the environment is consulted.

let server: Server | undefined;
const savedProxy = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
afterEach(async () => {
  process.env.HTTP_PROXY = savedProxy.HTTP_PROXY;
  process.env.http_proxy = savedProxy.http_proxy;
  if (savedProxy.HTTP_PROXY === undefined) delete process.env.HTTP_PROXY;
  if (savedProxy.http_proxy === undefined) delete process.env.http_proxy;
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server!.close(r));
  }
  server = undefined;
});

/** A Graph-like server counting TCP connections; `redirect` answers 302 to every request. */
async function graphLike(options: { redirect?: boolean; keepAliveTimeoutMs?: number } = {}) {
  const stats = { connections: 0, requests: 0 };
  server = createServer((req, res) => {
    stats.requests++;
    req.resume();
    req.on('end', () => {
      if (options.redirect) {
        res.writeHead(302, { location: '/elsewhere/messages', 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ messages: [{ id: `wamid.t.${stats.requests}` }] }));
    });
  });
  server.on('connection', () => stats.connections++);
  if (options.keepAliveTimeoutMs) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stats };
}

describe('GraphClient transport', () => {
  it('sends many messages over a bounded pool of kept-alive connections', async () => {
    const { url, stats } = await graphLike();
    const graph = new GraphClient({ apiUrl: url, phoneNumberId: '1', accessToken: 't', maxSockets: 4 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => graph.sendMessage('212600000001', { type: 'text', text: { body: `m${i}` } })));
    for (let i = 0; i < 10; i++) await graph.sendMessage('212600000001', { type: 'text', text: { body: `s${i}` } });
    expect(stats.requests).toBe(30);
    expect(stats.connections).toBeLessThanOrEqual(4);
    graph.close();
  });

  it('keeps every socket of a burst open for the next one (no reconnection between bursts)', async () => {
    const { url, stats } = await graphLike();
    const graph = new GraphClient({ apiUrl: url, phoneNumberId: '1', accessToken: 't', maxSockets: 40 });
    for (let burst = 0; burst < 3; burst++) {
      await Promise.all(Array.from({ length: 40 }, (_, i) => graph.sendMessage('212600000001', { type: 'text', text: { body: `b${burst}.${i}` } })));
    }
    expect(stats.requests).toBe(120);
    expect(stats.connections).toBeLessThanOrEqual(40);
    graph.close();
  });

  it("closes an idle socket before the server's announced keep-alive timeout, so it never reuses one being closed", async () => {
    // Node's server announces `Keep-Alive: timeout=3` and closes an idle connection after 3 s: the client must give
    // it up a second before (after 2 s) and open a new one, rather than write on a socket the server is closing.
    const { url, stats } = await graphLike({ keepAliveTimeoutMs: 3_000 });
    const graph = new GraphClient({ apiUrl: url, phoneNumberId: '1', accessToken: 't' });
    await graph.sendMessage('212600000001', { type: 'text', text: { body: 'first' } });
    await new Promise((r) => setTimeout(r, 2_500));
    await graph.sendMessage('212600000001', { type: 'text', text: { body: 'second' } });
    expect(stats.connections).toBe(2);
    graph.close();
  });

  it('does not follow a redirect: it is a GraphApiError with the 3xx status', async () => {
    const { url, stats } = await graphLike({ redirect: true });
    const graph = new GraphClient({ apiUrl: url, phoneNumberId: '1', accessToken: 't' });
    const error = (await graph.sendMessage('212600000001', { type: 'text', text: { body: 'x' } }).catch((e: unknown) => e)) as GraphApiError;
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error.status).toBe(302);
    expect(stats.requests).toBe(1);
    graph.close();
  });

  it('ignores HTTP_PROXY from the environment', async () => {
    const { url, stats } = await graphLike();
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    process.env.http_proxy = 'http://127.0.0.1:9';
    const graph = new GraphClient({ apiUrl: url, phoneNumberId: '1', accessToken: 't' });
    expect(await graph.sendMessage('212600000001', { type: 'text', text: { body: 'x' } })).toBe('wamid.t.1');
    expect(stats.requests).toBe(1);
    graph.close();
  });
});
