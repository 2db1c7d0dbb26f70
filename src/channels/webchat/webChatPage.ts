import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { Translator } from '../../i18n/i18n.js';
import { directionOf, LANGUAGES, isLanguage, type Language } from '../../i18n/languages.js';

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');

/** One file ready to serve, plain and gzipped. */
interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly etag: string;
  readonly cacheControl: string;
}

function asset(type: string, text: string, cacheControl: string): Asset {
  const body = Buffer.from(text, 'utf8');
  return { type, body, gzipped: gzipSync(body, { level: 9 }), etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`, cacheControl };
}

/** The language a browser prefers among ours (Accept-Language with q-values), or `fallback`. */
export function preferredLanguage(header: string | undefined, fallback: Language): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: tag.slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLanguage) ?? fallback;
}

/**
 * Builds the chat page's assets once: the HTML per language (UI strings of every language inlined, so the
 * page can switch with the conversation), the script (chatMarkdown.js and chat.js) and the stylesheet, each
 * also gzipped.
 */
export function buildWebChatAssets(translator: Translator): { pages: Record<Language, Asset>; files: Record<string, Asset> } {
  // The Markdown renderer, then the client that uses it: two files to read, one request for the page.
  const script = ['chatMarkdown.js', 'chat.js'].map((name) => readFileSync(join(PAGE_DIR, name), 'utf8')).join('\n');
  const js = asset('application/javascript; charset=utf-8', script, 'public, max-age=86400');
  const css = asset('text/css; charset=utf-8', readFileSync(join(PAGE_DIR, 'chat.css'), 'utf8'), 'public, max-age=86400');
  const template = readFileSync(join(PAGE_DIR, 'index.html'), 'utf8');
  const strings = Object.fromEntries(LANGUAGES.map((l) => [l, translator.i18n.getResource(l, 'translation', 'webchat') as Record<string, string>]));
  // Inline JSON must not be able to close the script element.
  const stringsJson = JSON.stringify(strings).replace(/</g, '\\u003c');
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
  const pages = Object.fromEntries(
    LANGUAGES.map((lang) => {
      const s = strings[lang] ?? {};
      const html = template.replace(/\{\{(\w+)\}\}/g, (_m, key: string) => {
        if (key === 'lang') return lang;
        if (key === 'dir') return directionOf(lang);
        if (key === 'strings') return stringsJson;
        if (key === 'jsVersion') return js.etag.slice(1, 9);
        if (key === 'cssVersion') return css.etag.slice(1, 9);
        return escape(s[key] ?? '');
      });
      return [lang, asset('text/html; charset=utf-8', html, 'no-cache')];
    }),
  ) as Record<Language, Asset>;
  const icon = asset('image/svg+xml', readFileSync(join(PAGE_DIR, 'favicon.svg'), 'utf8'), 'public, max-age=604800');
  // Browsers ask for /favicon.ico by themselves; an SVG served there is shown too.
  return { pages, files: { '/chat.js': js, '/chat.css': css, '/favicon.svg': icon, '/favicon.ico': icon } };
}

function send(req: Request, res: Response, file: Asset): void {
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', file.cacheControl);
  res.setHeader('ETag', file.etag);
  res.setHeader('Vary', 'Accept-Encoding, Accept-Language');
  res.setHeader('Content-Security-Policy', "default-src 'self'; connect-src 'self' ws: wss:; style-src 'self'; img-src 'self' data:");
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  const body = gzip ? file.gzipped : file.body;
  res.setHeader('Content-Length', body.length);
  res.writeHead(200);
  res.end(body);
}

/** Serves the chat page at `GET /` (language from Accept-Language) and its two assets. */
export function registerWebChatPage(server: Server, deps: { translator: Translator; defaultLanguage: Language }): void {
  const { pages, files } = buildWebChatAssets(deps.translator);
  server.get('/', (req: Request, res: Response, next) => {
    const asked: unknown = req.query?.lang;
    const lang: Language = isLanguage(asked) ? asked : preferredLanguage(req.headers['accept-language'], deps.defaultLanguage);
    send(req, res, pages[lang]);
    return next(false);
  });
  for (const [path, file] of Object.entries(files)) {
    server.get(path, (req: Request, res: Response, next) => {
      send(req, res, file);
      return next(false);
    });
  }
}
