import restify, { type Request, type Response, type Server } from 'restify';
import type { Registry } from 'prom-client';
import type { AppLogger } from '../observability/logger.js';
import { describeError } from '../observability/describeError.js';
import { requestTargetProblem } from './requestTarget.js';

/** Something /readyz can ask whether the assistant can serve (the store, mostly). */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when ready; rejects otherwise. */
  check(): Promise<void>;
}

/** Dependencies of {@link createHttpServer}. */
export interface HttpServerDeps {
  readonly logger: AppLogger;
  readonly readiness: readonly ReadinessCheck[];
  /** Served at /metrics when given (a registry, or the instance's threads aggregated: aggregatedMetrics.ts). */
  readonly metrics?: Pick<Registry, 'contentType' | 'metrics'>;
  /** How long /readyz waits for each check, in ms (default 1000). */
  readonly readinessTimeoutMs?: number;
  /**
   * True for an error that means a dependency (the store) is unreachable: a route failing with it answers
   * 503 with Retry-After instead of 500. Default: none is.
   */
  readonly isUnavailable?: (error: unknown) => boolean;
  /** On close, how long in-flight requests may take before their connections are cut, in ms (default 10 000). */
  readonly closeGraceMs?: number;
}

/** Seconds a client is asked to wait after a 503 caused by an unreachable store. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** The JSON error body every failed request gets, whatever failed. */
export function sendJsonError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res.json(status, { error: { code, message } });
}

/** The server plus a switch that makes /readyz answer 503 while shutting down. */
export interface HttpServer {
  readonly server: Server;
  /** Marks the server as draining: /readyz fails so load balancers stop sending work. */
  drain(): void;
  /** Stops accepting connections and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

/**
 * Creates the restify server with operations routes (/healthz, /readyz, /metrics), security headers,
 * request logging without query strings or bodies (tokens and personal data live there), and JSON errors.
 * No global body parser: each route declares its own, with its own size limit.
 */
export function createHttpServer(deps: HttpServerDeps): HttpServer {
  const server = restify.createServer({ name: 'trait-d-union', ignoreTrailingSlash: true, handleUncaughtExceptions: false });
  let draining = false;

  // Before restify routes: a target it cannot parse would throw outside any handler.
  server.pre((req: Request, res: Response, next) => {
    const problem = req.httpVersion === '1.1' && !req.headers.host ? 'the Host header is required' : requestTargetProblem(req.url);
    if (problem === undefined) return next();
    sendJsonError(res, 400, 'BadRequest', problem);
    return next(false);
  });
  server.pre((req: Request, res: Response, next) => {
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Referrer-Policy', 'no-referrer');
    (req as Request & { startedAt?: number }).startedAt = Date.now();
    return next();
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.on('after', (req: Request, res: Response) => {
    const route = req.getRoute?.()?.path ?? 'unmatched';
    if (route === '/healthz' || route === '/readyz' || route === '/metrics') return;
    const startedAt = (req as Request & { startedAt?: number }).startedAt ?? Date.now();
    deps.logger.info({ method: req.method, route: String(route), status: res.statusCode, ms: Date.now() - startedAt }, 'request');
  });
  // Every error becomes a JSON body, whatever the Accept header; unknown errors never echo their message.
  server.on('restifyError', (req: Request, res: Response, err: Error & { statusCode?: number; body?: { code?: unknown } }, callback: () => void) => {
    const known = typeof err?.statusCode === 'number';
    if (known && err.statusCode! < 500) {
      const code = typeof err.body?.code === 'string' ? err.body.code : err.name;
      sendJsonError(res, err.statusCode!, code, err.statusCode === 404 ? 'No such resource' : err.message.slice(0, 200));
      return callback();
    }
    const route = String(req.getRoute?.()?.path ?? 'unmatched');
    if (deps.isUnavailable?.(err)) {
      deps.logger.warn({ route, err: describeError(err) }, 'request failed: the store is unavailable');
      if (!res.headersSent) res.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      sendJsonError(res, 503, 'ServiceUnavailable', 'Temporarily unavailable, please retry in a moment');
      return callback();
    }
    deps.logger.error({ route, err: describeError(err) }, 'request failed');
    sendJsonError(res, 500, 'InternalError', 'The request failed');
    return callback();
  });
  // Node answers a missing Host header (HTTP/1.1) and an unknown Expect with bodies of its own: take them over.
  (server.server as { requireHostHeader?: boolean }).requireHostHeader = false;
  // A client sending its headers or body a byte at a time holds a connection: bound both (Node: 60 s / 300 s).
  server.server.headersTimeout = 20_000;
  server.server.requestTimeout = 60_000;
  server.server.on('checkExpectation', (_req, res: import('node:http').ServerResponse) => {
    const body = JSON.stringify({ error: { code: 'ExpectationFailed', message: 'Only "Expect: 100-continue" is supported' } });
    res.writeHead(417, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
    res.end(body);
  });
  // CONNECT never reaches restify (Node emits 'connect' and, with no listener, drops the socket): refuse it.
  server.server.on('connect', (_req, socket: import('node:stream').Duplex) => {
    socket.on('error', () => socket.destroy());
    const body = JSON.stringify({ error: { code: 'MethodNotAllowed', message: 'CONNECT is not supported' } });
    socket.end(`HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  // Requests Node's parser refuses (bad method, header or request line) get a JSON 400 too.
  server.server.on('clientError', (err: Error & { code?: string }, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    const body = JSON.stringify({ error: { code: 'BadRequest', message: 'The request could not be parsed' } });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });

  server.get('/healthz', (_req, res, next) => {
    res.json(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (draining) {
      res.json(503, { status: 'draining' });
      return;
    }
    const results = await Promise.all(
      deps.readiness.map(async (c) => {
        try {
          await withTimeout(c.check(), deps.readinessTimeoutMs ?? 1000);
          return [c.name, 'ok'] as const;
        } catch {
          return [c.name, 'unavailable'] as const;
        }
      }),
    );
    const ok = results.every(([, s]) => s === 'ok');
    res.json(ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable', checks: Object.fromEntries(results) });
  });

  if (deps.metrics) {
    const registry = deps.metrics;
    server.get('/metrics', async (_req: Request, res: Response) => {
      res.setHeader('Content-Type', registry.contentType);
      res.sendRaw(200, await registry.metrics());
    });
  }

  return {
    server,
    drain: () => {
      draining = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        const node = server.server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        // Idle keep-alive sockets would hold close() open; in-flight requests still finish, but a client
        // that never sends the rest of its request must not hold the shutdown for the 5-minute request timeout.
        node.closeIdleConnections?.();
        setTimeout(() => node.closeAllConnections?.(), deps.closeGraceMs ?? 10_000).unref();
      }),
  };
}

/** Body parser for one route: JSON only, at most `maxBytes`, parsed into `req.body` (413 above the limit). */
export function jsonBody(maxBytes: number) {
  return restify.plugins.bodyParser({ maxBodySize: maxBytes, mapParams: false, requestBodyOnGet: false });
}
