import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppLogger } from '../../observability/logger.js';
import type { ConversationLog } from '../../stores/types.js';
import { MemoryStreamLeases } from '../../stores/memory/memoryStreamLeases.js';
import type { StreamLeases } from '../../stores/streamLeases.js';
import { parseWatermark } from './directLineActivity.js';
import { bearerToken, type DirectLineTokens } from './directLineTokens.js';
import { describeError } from '../../observability/describeError.js';

/** Dependencies of {@link attachDirectLineStream}. */
export interface DirectLineStreamDeps {
  readonly log: ConversationLog;
  readonly tokens: DirectLineTokens;
  readonly logger: AppLogger;
  /** Ping interval keeping idle mobile connections open, in ms (default 25 000). */
  readonly pingMs?: number;
  /** Whether a browser page from this `Origin` may open the stream (default: any); see directLineCors.ts. */
  readonly allowOrigin?: (origin: string) => boolean;
  /** Open streams one conversation may hold across every instance sharing `leases` (default 5); one more gets 429. */
  readonly maxStreamsPerConversation?: number;
  /** Where open streams hold their places (Redis: shared by every instance); default in memory, this instance only. */
  readonly leases?: StreamLeases;
  /**
   * Lifetime of a stream's place, in ms, renewed every third of it while the stream is open (default 60 000):
   * the places of an instance that died with streams open are free again after at most this long.
   */
  readonly streamLeaseMs?: number;
  /** Called when a stream is refused by the limit above (for metrics). */
  readonly onLimited?: () => void;
}

/** What an upgrade request asks for, once its target is checked. */
type StreamRequest =
  | { readonly kind: 'stream'; readonly conversationId: string; readonly token: string | undefined; readonly watermark: number }
  | { readonly kind: 'other' }
  | { readonly kind: 'invalid' };

/** Reads an upgrade target without throwing: malformed URLs and percent-encoding are 'invalid'. */
function readStreamRequest(req: IncomingMessage): StreamRequest {
  let url: URL;
  let conversationId: string;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) return { kind: 'other' };
    conversationId = decodeURIComponent(match[1]);
  } catch {
    return { kind: 'invalid' };
  }
  const token = url.searchParams.get('t') ?? bearerToken(req.headers.authorization);
  const watermark = parseWatermark(url.searchParams.get('watermark'));
  return { kind: 'stream', conversationId, token, watermark };
}

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

/**
 * Serves `GET /v3/directline/conversations/:id/stream` as a WebSocket that pushes `{activities, watermark}`
 * sets as they are appended (by any instance). The token comes from `?t=` (Direct Line's stream URL) or
 * the Authorization header; a wrong one gets 403 before the upgrade. Returns a function closing every socket.
 */
export function attachDirectLineStream(server: Server, deps: DirectLineStreamDeps): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  const maxStreams = deps.maxStreamsPerConversation ?? 5;
  const leases = deps.leases ?? new MemoryStreamLeases();
  const leaseMs = deps.streamLeaseMs ?? 60_000;
  // An invalid WebSocket handshake (key, version, protocol) gets our JSON 400, not ws's plain one.
  wss.on('wsClientError', (_err: Error, socket: Duplex) => refuse(socket, '400 Bad Request', 'BadArgument'));

  const refuse = (socket: Duplex, status: string, code: string, extraHeaders = '') => {
    const body = JSON.stringify({ error: { code, message: status.slice(4) } });
    if (socket.writable) {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: application/json\r\n${extraHeaders}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    socket.destroy();
  };

  // restify re-emits 'upgrade' on itself through a bound emit: that proxy is not a handler.
  const otherUpgradeHandlers = () =>
    server.server.listeners('upgrade').filter((l) => l !== onUpgrade && l.name !== 'bound emit').length + server.listenerCount('upgrade');

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error listener from upgraded sockets: a reset here would otherwise be uncaught.
    socket.on('error', () => socket.destroy());
    try {
      const request = readStreamRequest(req);
      if (request.kind === 'other') {
        // Another upgrade handler (e.g. a console) may own this path; refuse only when none does.
        if (otherUpgradeHandlers() === 0) refuse(socket, '404 Not Found', 'NotFound');
        return;
      }
      if (request.kind === 'invalid') return refuse(socket, '400 Bad Request', 'BadArgument');
      const origin = req.headers.origin;
      const sameOrigin = origin !== undefined && URL.canParse(origin) && new URL(origin).host === req.headers.host;
      if (origin !== undefined && !sameOrigin && deps.allowOrigin && !deps.allowOrigin(origin)) return refuse(socket, '403 Forbidden', 'OriginNotAllowed');
      const grant = deps.tokens.verify(request.token);
      if (!grant || grant.conversationId !== request.conversationId) return refuse(socket, '403 Forbidden', 'TokenInvalid');
      const leaseId = randomUUID();
      let granted = false;
      leases
        .acquire(request.conversationId, leaseId, maxStreams, leaseMs)
        .then((held) => {
          granted = held;
          if (!held) {
            deps.onLimited?.();
            return refuse(socket, '429 Too Many Requests', 'TooManyStreams', 'Retry-After: 30\r\n');
          }
          // The client may have gone while the place was taken: give it back rather than hold it until it expires.
          if (socket.destroyed) return releaseLease(request.conversationId, leaseId);
          wss.handleUpgrade(req, socket, head, (ws) => stream(ws, request.conversationId, request.watermark, leaseId));
        })
        .catch((err: unknown) => {
          deps.logger.warn({ err: describeError(err) }, 'web chat stream could not be opened');
          if (granted) releaseLease(request.conversationId, leaseId);
          refuse(socket, '503 Service Unavailable', 'ServiceUnavailable', 'Retry-After: 5\r\n');
        });
    } catch (err) {
      deps.logger.warn({ err: describeError(err) }, 'web chat stream upgrade failed');
      refuse(socket, '400 Bad Request', 'BadArgument');
    }
  };
  server.server.on('upgrade', onUpgrade);

  const releaseLease = (conversationId: string, leaseId: string) => {
    leases.release(conversationId, leaseId).catch((err: unknown) => deps.logger.warn({ err: describeError(err) }, 'web chat stream place not given back (it expires by itself)'));
  };

  const stream = (ws: WebSocket, conversationId: string, startAt: number, leaseId: string) => {
    let watermark = startAt;
    let pushing = Promise.resolve();
    const push = () => {
      // Chain pushes so two notifications never send the same activities twice.
      pushing = pushing.then(async () => {
        // Page on: after "delete my data" a page may hold only erased places, yet the watermark moves on.
        for (;;) {
          if (ws.readyState !== ws.OPEN) return;
          const page = await deps.log.read(conversationId, watermark);
          if (page.watermark <= watermark || ws.readyState !== ws.OPEN) return;
          watermark = page.watermark;
          if (page.activities.length > 0) ws.send(JSON.stringify({ activities: page.activities, watermark: String(watermark) }));
        }
      }).catch((err: Error) => deps.logger.warn({ err: describeError(err) }, 'web chat stream push failed'));
    };
    const unsubscribe = deps.log.subscribe(conversationId, push);
    // ws.ping() throws once the socket is closing, and the 'close' event that clears this may come later.
    const ping = setInterval(() => {
      if (ws.readyState === ws.OPEN) ws.ping();
    }, deps.pingMs ?? 25_000);
    // An open stream keeps its place; a renewal refused (places taken meanwhile, e.g. after a Redis restart) leaves it open.
    const renew = setInterval(() => {
      leases.acquire(conversationId, leaseId, maxStreams, leaseMs).catch((err: unknown) => deps.logger.warn({ err: describeError(err) }, 'web chat stream place not renewed'));
    }, Math.max(1, Math.floor(leaseMs / 3)));
    ws.on('close', () => {
      clearInterval(ping);
      clearInterval(renew);
      unsubscribe();
      releaseLease(conversationId, leaseId);
    });
    ws.on('error', () => ws.terminate());
    // Clients only listen on this socket; anything they send is ignored.
    push();
  };

  return () => {
    for (const client of wss.clients) client.close(1001, 'server shutting down');
    wss.close();
  };
}
