import type { Request, Response, Server } from 'restify';

/** Which browser origins may call the Direct Line API: every origin, or an explicit list. */
export type AllowedOrigins = '*' | readonly string[];

const PREFIX = '/v3/directline';
/** Headers Web Chat and botframework-directlinejs send (Authorization, JSON, their agent header). */
const ALLOWED_HEADERS = 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with';
/** directlinejs reads Retry-After on 429/503 to wait before retrying. */
const EXPOSED_HEADERS = 'Retry-After';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** True when `origin` may call the API under `allowed`. */
export function isOriginAllowed(allowed: AllowedOrigins, origin: string): boolean {
  return allowed === '*' || allowed.includes(origin);
}

/**
 * CORS for `/v3/directline/*`, so partners can embed Web Chat on their own sites: preflights
 * (`OPTIONS`) get 204 with the `Access-Control-Allow-*` headers, and every response to an allowed origin
 * carries `Access-Control-Allow-Origin`. The API is authorised by bearer tokens, never cookies, so no
 * credentials are allowed and `*` is a safe default. A preflight from an origin not in the list gets 403.
 * Registered as a `pre` handler, before routing, because restify would answer an `OPTIONS` with 405.
 */
export function registerDirectLineCors(server: Server, allowed: AllowedOrigins): void {
  server.pre((req: Request, res: Response, next) => {
    const path = req.url ?? '';
    if (path !== PREFIX && !path.startsWith(`${PREFIX}/`) && !path.startsWith(`${PREFIX}?`)) return next();
    const origin = req.headers.origin;
    const ok = typeof origin === 'string' && isOriginAllowed(allowed, origin);
    if (allowed !== '*') res.header('Vary', 'Origin');
    if (ok) {
      res.header('Access-Control-Allow-Origin', allowed === '*' ? '*' : origin);
      res.header('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    }
    if (req.method !== 'OPTIONS') return next();
    if (!ok) {
      const body = JSON.stringify({ error: { code: 'OriginNotAllowed', message: 'This origin may not call the Direct Line API' } });
      res.writeHead(403, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
      res.end(body);
      return next(false);
    }
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    });
    res.end();
    return next(false);
  });
}
