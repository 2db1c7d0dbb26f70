import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/http/createHttpServer.js';
import { listenOnLoopback } from '../helpers/httpServer.js';

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
    const res = await fetch(`${url}/nope/%E0%A4%A`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
