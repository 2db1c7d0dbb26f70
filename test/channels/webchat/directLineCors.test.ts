import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDirectLineCors, type AllowedOrigins } from '../../../src/channels/webchat/directLineCors.js';
import { registerDirectLineRoutes } from '../../../src/channels/webchat/directLineRoutes.js';
import { DirectLineTokens } from '../../../src/channels/webchat/directLineTokens.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';

async function serve(allowed: AllowedOrigins): Promise<{ http: HttpServer; url: string }> {
  const logger = pino({ level: 'silent' });
  const http = createHttpServer({ logger, readiness: [] });
  registerDirectLineCors(http.server, allowed);
  registerDirectLineRoutes(http.server, {
    log: new MemoryConversationLog(60),
    tokens: new DirectLineTokens(undefined),
    dispatch: async () => {},
    maxBodyBytes: 8192,
    logger,
  });
  return { http, url: await listenOnLoopback(http.server) };
}

const preflight = (url: string, path: string, origin: string) =>
  fetch(`${url}/v3/directline${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent' },
  });

describe('registerDirectLineCors', () => {
  describe('with the default (any origin)', () => {
    let server: { http: HttpServer; url: string };
    beforeAll(async () => (server = await serve('*')));
    afterAll(() => server.http.close());

    it('answers the preflight of POST /conversations with 204 and the allowed methods and headers', async () => {
      const res = await preflight(server.url, '/conversations', 'https://partner.example.org');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-methods')).toContain('POST');
      const headers = res.headers.get('access-control-allow-headers')?.toLowerCase() ?? '';
      for (const h of ['authorization', 'content-type', 'x-ms-bot-agent']) expect(headers).toContain(h);
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('answers preflights of every Direct Line path, with an id in it', async () => {
      for (const path of ['/tokens/generate', '/tokens/refresh', '/conversations/abc', '/conversations/abc/activities', '/conversations/abc/upload?userId=x']) {
        expect((await preflight(server.url, path, 'http://127.0.0.1:1')).status).toBe(204);
      }
    });

    it('sets Access-Control-Allow-Origin on real responses, errors included, and exposes Retry-After', async () => {
      const ok = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { origin: 'https://partner.example.org' } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe('*');
      expect(ok.headers.get('access-control-expose-headers')).toContain('Retry-After');
      const refused = await fetch(`${server.url}/v3/directline/conversations/x/activities`, { headers: { origin: 'https://partner.example.org' } });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    });

    it('leaves other routes alone', async () => {
      const res = await fetch(`${server.url}/healthz`, { headers: { origin: 'https://partner.example.org' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('with a list of origins', () => {
    let server: { http: HttpServer; url: string };
    beforeAll(async () => (server = await serve(['https://partner.example.org'])));
    afterAll(() => server.http.close());

    it('echoes an allowed origin and varies on Origin', async () => {
      const res = await preflight(server.url, '/conversations', 'https://partner.example.org');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://partner.example.org');
      expect(res.headers.get('vary')).toContain('Origin');
    });

    it('refuses the preflight of another origin and gives its responses no CORS header', async () => {
      expect((await preflight(server.url, '/conversations', 'https://evil.example.com')).status).toBe(403);
      const res = await fetch(`${server.url}/v3/directline/tokens/generate`, { method: 'POST', headers: { origin: 'https://evil.example.com' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
