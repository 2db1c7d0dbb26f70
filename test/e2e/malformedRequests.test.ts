import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../helpers/appProcess.js';
import { fetchLastResortCount } from '../helpers/lastResortCount.js';
import { rawRequest } from '../helpers/rawHttp.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

let app: AppProcess;
beforeAll(async () => {
  app = await startApp();
}, afterAppStarts(1, 30_000));
afterAll(async () => {
  expect(await app.stop()).toBe(0);
});

const upgrade = (path: string) =>
  `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`;

describe('a malformed request', { timeout: 60_000 }, () => {
  it.each([
    ['an absolute-form target that is not a URL', 'GET http://[/api/whatsapp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['an invalid percent-encoding in the path', 'GET /v3/directline/conversations/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['an invalid percent-encoding on an unknown path', 'GET /nope/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['an authority-form target', 'GET example.org:443 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['a target with an authority and no path (found by the fuzzer, seed 1596698798)', 'DELETE //kHl@fK HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['a WebSocket upgrade with an invalid percent-encoding', upgrade('/v3/directline/conversations/%E0%A4%A/stream')],
    ['a WebSocket upgrade to an absolute-form target that is not a URL', upgrade('http://[/v3/directline/conversations/x/stream')],
    ['a WebSocket upgrade to an unknown path', upgrade('/elsewhere')],
    ['a WebSocket upgrade without a valid token', upgrade('/v3/directline/conversations/abc/stream?t=nope')],
    ['an unknown method', 'BREW /api/whatsapp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    ['a header without a colon', 'GET /healthz HTTP/1.1\r\nHost: x\r\nbroken header\r\nConnection: close\r\n\r\n'],
    ['a body that is not JSON', 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{{{{{'],
    ['a JSON error even when the client accepts only HTML', 'GET /nope HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n'],
  ])('gets a JSON 4xx and the process lives on: %s', async (_name, request) => {
    const res = await rawRequest(app.port, request);
    expect(res.status, res.raw).toBeGreaterThanOrEqual(400);
    expect(res.status, res.raw).toBeLessThan(500);
    expect(res.headers['content-type'], res.raw).toMatch(/^application\/json/);
    expect(() => JSON.parse(res.body)).not.toThrow();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('never reached the last-resort handler', async () => {
    expect(await fetchLastResortCount(app.url)).toBe(0);
  });
});
