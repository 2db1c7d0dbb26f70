import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import type { Translator } from '../i18n/i18n.js';
import { LANGUAGES } from '../i18n/languages.js';

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');

/**
 * Serves the caseworker console page (`/console`, no framework): one HTML file with the console strings of every
 * language inlined (French and English UI, Arabic welcome), its script and stylesheet. Read once at start.
 */
export function registerConsolePage(server: Server, deps: { translator: Translator }): void {
  const strings = Object.fromEntries(LANGUAGES.map((l) => [l, (deps.translator.i18n.getResource(l, 'translation', 'handoff') as { console: unknown }).console]));
  const html = readFileSync(join(PAGE_DIR, 'index.html'), 'utf8').replace('{{strings}}', JSON.stringify(strings).replace(/</g, '\\u003c'));
  const files: Record<string, { type: string; body: string }> = {
    'console.js': { type: 'application/javascript; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'console.js'), 'utf8') },
    'console.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(PAGE_DIR, 'console.css'), 'utf8') },
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
