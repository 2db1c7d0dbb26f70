import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import type { Translator } from '../i18n/i18n.js';
import { LANGUAGES } from '../i18n/languages.js';

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');

/** Languages of the console's staff interface (the welcome is also shown in Arabic). */
const STAFF_LANGUAGES = ['fr', 'en'] as const;

/**
 * Serves the caseworker console page (`/console`, no framework): one HTML file with the console strings of every
 * language inlined (French and English UI, Arabic welcome), its script and stylesheet, and the appointments view
 * (bookings.js with its fr/en strings inlined, bookings.css), loaded by bookingsTab.js only when staff open it.
 * Read once at start.
 */
export function registerConsolePage(server: Server, deps: { translator: Translator }): void {
  const strings = Object.fromEntries(LANGUAGES.map((l) => [l, (deps.translator.i18n.getResource(l, 'translation', 'handoff') as { console: unknown }).console]));
  const bookingStrings = Object.fromEntries(STAFF_LANGUAGES.map((l) => [l, deps.translator.i18n.getResource(l, 'translation', 'booking.console') as Record<string, unknown>]));
  const bookingTab = Object.fromEntries(STAFF_LANGUAGES.map((l) => [l, bookingStrings[l]?.tab]));
  const html = readFileSync(join(PAGE_DIR, 'index.html'), 'utf8')
    .replace('{{strings}}', JSON.stringify(strings).replace(/</g, '\\u003c'))
    .replace('{{bookingTab}}', () => JSON.stringify(bookingTab).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;'));
  const script = (name: string, body = readFileSync(join(PAGE_DIR, name), 'utf8')) => ({ type: 'application/javascript; charset=utf-8', body });
  const style = (name: string) => ({ type: 'text/css; charset=utf-8', body: readFileSync(join(PAGE_DIR, name), 'utf8') });
  const files: Record<string, { type: string; body: string }> = {
    'console.js': script('console.js'),
    'console.css': style('console.css'),
    'bookingsTab.js': script('bookingsTab.js'),
    'bookings.js': script('bookings.js', readFileSync(join(PAGE_DIR, 'bookings.js'), 'utf8').replace('/*strings*/{}', () => JSON.stringify(bookingStrings).replace(/</g, '\\u003c'))),
    'bookings.css': style('bookings.css'),
  };
  const security = (res: Response) => {
    res.header('Content-Security-Policy', "default-src 'self'; img-src 'self' blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
    res.header('X-Frame-Options', 'DENY');
  };
  server.get('/console', (_req: Request, res: Response, next) => {
    security(res);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(html);
    return next();
  });
  server.get('/console/:file', (req: Request, res: Response, next) => {
    const file = files[String(req.params?.file ?? '')];
    if (!file) {
      res.json(404, { error: 'not_found' });
      return next();
    }
    security(res);
    res.writeHead(200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
    res.end(file.body);
    return next();
  });
}
