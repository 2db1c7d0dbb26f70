import { gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebChatAssets, preferredLanguage, registerWebChatPage } from '../../../src/channels/webchat/webChatPage.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';

let http: HttpServer;
let url: string;

beforeAll(async () => {
  const translator = await createTranslator('locales');
  http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [] });
  registerWebChatPage(http.server, { translator, defaultLanguage: 'fr' });
  url = await listenOnLoopback(http.server);
});
afterAll(() => http.close());

describe('web chat page', () => {
  it('loads in at most 50 KB gzipped in total (HTML, script, stylesheet)', async () => {
    const { pages, files } = buildWebChatAssets(await createTranslator('locales'));
    const total = pages.ar.gzipped.length + Object.values(files).reduce((n, f) => n + f.gzipped.length, 0);
    console.info(`web chat first load: ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(total).toBeLessThanOrEqual(50 * 1024);
  });

  it('serves gzipped HTML in the browser language, right to left for Arabic', async () => {
    const res = await fetch(`${url}/`, { headers: { 'accept-language': 'ar-MA,ar;q=0.9,fr;q=0.8', 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('اكتب رسالتك');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('defaults to French and answers 304 to a cached copy', async () => {
    const res = await fetch(`${url}/`);
    expect(await res.text()).toContain('<html lang="fr" dir="ltr">');
    const again = await fetch(`${url}/`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('serves the script and stylesheet with long caching', async () => {
    const js = await fetch(`${url}/chat.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toContain('max-age=86400');
    expect((await js.text()).length).toBeGreaterThan(1000);
  });

  it('picks the preferred shipped language from Accept-Language', () => {
    expect(preferredLanguage('en-GB,en;q=0.9', 'fr')).toBe('en');
    expect(preferredLanguage('de-DE,ar;q=0.5,en;q=0.7', 'fr')).toBe('en');
    expect(preferredLanguage('de', 'fr')).toBe('fr');
    expect(preferredLanguage(undefined, 'fr')).toBe('fr');
  });
});

it('keeps the gzipped assets decodable', async () => {
  const { files } = buildWebChatAssets(await createTranslator('locales'));
  expect(gunzipSync(files['/chat.js']!.gzipped).toString()).toContain('Direct Line');
});
