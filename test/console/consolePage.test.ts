import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsolePage } from '../../src/console/consolePage.js';
import { createHttpServer } from '../../src/http/createHttpServer.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { listenOnLoopback } from '../helpers/httpServer.js';

let url = '';
let close: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  const http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [] });
  registerConsolePage(http.server, { translator: await createTranslator('locales') });
  url = await listenOnLoopback(http.server);
  close = () => http.close();
});
afterAll(() => close());

const body = async (path: string) => {
  const res = await fetch(`${url}${path}`);
  expect(res.status, path).toBe(200);
  return { text: await res.text(), type: res.headers.get('content-type') ?? '', csp: res.headers.get('content-security-policy') ?? '' };
};

describe('registerConsolePage', () => {
  it('keeps the first load light: the appointments view is fetched only when staff open its tab', async () => {
    const parts = await Promise.all(['/console', '/console/console.js', '/console/console.css', '/console/bookingsTab.js'].map(body));
    const html = parts[0]!.text;
    expect(html).toContain('<script src="/console/bookingsTab.js"></script>');
    expect(html).not.toContain('bookings.js"');
    // The tab's label in both staff languages, escaped for its attribute.
    expect(html).toContain('data-labels="{&quot;fr&quot;:&quot;📅 Rendez-vous&quot;,&quot;en&quot;:&quot;📅 Appointments&quot;}"');
    const bytes = parts.reduce((n, p) => n + Buffer.byteLength(p.text), 0);
    expect(bytes).toBeLessThan(30_000);
  });

  it('serves the appointments view with its French and English strings inlined, under the console CSP', async () => {
    const js = await body('/console/bookings.js');
    expect(js.type).toMatch(/^application\/javascript/);
    expect(js.csp).toContain("script-src 'self'");
    expect(js.text).not.toContain('/*strings*/');
    expect(js.text).toContain('"noShowWeek":"Semaine {{week}}');
    expect(js.text).toContain('"noShowWeek":"Week {{week}}');
    expect((await body('/console/bookings.css')).type).toMatch(/^text\/css/);
  });
});
