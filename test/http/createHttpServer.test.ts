import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/createHttpServer.js';
import { listenOnLoopback } from '../helpers/httpServer.js';
import { rawRequest } from '../helpers/rawHttp.js';

let http: HttpServer | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
});

async function start(ready: () => Promise<void>) {
  http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [{ name: 'store', check: ready }], readinessTimeoutMs: 200 });
  return listenOnLoopback(http.server);
}

describe('createHttpServer', () => {
  it('answers /healthz while the process is up', async () => {
    const url = await start(async () => {});
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 when the store answers, 503 when it fails or hangs', async () => {
    let mode: 'ok' | 'fail' | 'hang' = 'ok';
    const url = await start(() => (mode === 'ok' ? Promise.resolve() : mode === 'fail' ? Promise.reject(new Error('down')) : new Promise(() => {})));
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    mode = 'fail';
    const failed = await fetch(`${url}/readyz`);
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ checks: { store: 'unavailable' } });
    mode = 'hang';
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
  });

  it('reports not ready while draining for shutdown', async () => {
    const url = await start(async () => {});
    http!.drain();
    expect((await fetch(`${url}/readyz`)).status).toBe(503);
  });

  it('answers unknown routes with a JSON 404, never a crash', async () => {
    const url = await start(async () => {});
    const res = await fetch(`${url}/nope`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: { code: 'ResourceNotFound', message: 'No such resource' } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('answers a path with invalid percent-encoding, or a target restify cannot parse, with a JSON 400', async () => {
    const url = await start(async () => {});
    const bad = await fetch(`${url}/nope/%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BadRequest' } });
    const port = Number(new URL(url).port);
    const raw = await rawRequest(port, 'GET http://[/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.body)).toMatchObject({ error: { code: 'BadRequest' } });
    const noPath = await rawRequest(port, 'DELETE //user@host HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(noPath.status).toBe(400);
    expect(JSON.parse(noPath.body)).toMatchObject({ error: { code: 'BadRequest' } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('answers a request Node cannot parse with a JSON 400', async () => {
    const url = await start(async () => {});
    const raw = await rawRequest(Number(new URL(url).port), 'GET / HTTP/1.1\r\nbad header line\r\n\r\n');
    expect(raw.status).toBe(400);
    expect(raw.headers['content-type']).toBe('application/json');
  });

  it('turns a route failing because the store is unreachable into 503 with Retry-After, and other failures into a JSON 500 that quotes nothing', async () => {
    http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [], isUnavailable: (err) => (err as Error).name === 'Down' });
    http.server.get('/down', async () => {
      throw Object.assign(new Error('store down'), { name: 'Down' });
    });
    http.server.get('/bug', async () => {
      throw new Error('secret +212612345678');
    });
    const url = await listenOnLoopback(http.server);
    const down = await fetch(`${url}/down`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await down.json()).toMatchObject({ error: { code: 'ServiceUnavailable' } });
    const bug = await fetch(`${url}/bug`);
    expect(bug.status).toBe(500);
    expect(await bug.text()).not.toContain('212612345678');
  });
});
