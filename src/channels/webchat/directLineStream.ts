import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppLogger } from '../../observability/logger.js';
import type { ConversationLog } from '../../stores/types.js';
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
}

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

/**
 * Serves `GET /v3/directline/conversations/:id/stream` as a WebSocket that pushes `{activities, watermark}`
 * sets as they are appended (by any instance). The token comes from `?t=` (Direct Line's stream URL) or
 * the Authorization header; a wrong one gets 403 before the upgrade. Returns a function closing every socket.
 */
export function attachDirectLineStream(server: Server, deps: DirectLineStreamDeps): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });

  const refuse = (socket: Duplex, status: string) => {
    socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };

  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match?.[1]) {
      // Another upgrade handler (e.g. a console) may own this path; refuse only when none does.
      if (server.server.listenerCount('upgrade') === 1) refuse(socket, '404 Not Found');
      return;
    }
    const origin = req.headers.origin;
    const sameOrigin = origin !== undefined && URL.canParse(origin) && new URL(origin).host === req.headers.host;
    if (origin !== undefined && !sameOrigin && deps.allowOrigin && !deps.allowOrigin(origin)) return refuse(socket, '403 Forbidden');
    const conversationId = decodeURIComponent(match[1]);
    const grant = deps.tokens.verify(url.searchParams.get('t') ?? bearerToken(req.headers.authorization));
    if (!grant || grant.conversationId !== conversationId) return refuse(socket, '403 Forbidden');
    const watermark = Math.max(0, Number.parseInt(url.searchParams.get('watermark') ?? '0', 10) || 0);
    wss.handleUpgrade(req, socket, head, (ws) => stream(ws, conversationId, watermark));
  });

  const stream = (ws: WebSocket, conversationId: string, startAt: number) => {
    let watermark = startAt;
    let pushing = Promise.resolve();
    const push = () => {
      // Chain pushes so two notifications never send the same activities twice.
      pushing = pushing.then(async () => {
        // Page on: after "delete my data" a page may hold only erased places, yet the watermark moves on.
        for (;;) {
          if (ws.readyState !== ws.OPEN) return;
          const page = await deps.log.read(conversationId, watermark);
          if (page.watermark <= watermark) return;
          watermark = page.watermark;
          if (page.activities.length > 0) ws.send(JSON.stringify({ activities: page.activities, watermark: String(watermark) }));
        }
      }).catch((err: Error) => deps.logger.warn({ err: describeError(err) }, 'web chat stream push failed'));
    };
    const unsubscribe = deps.log.subscribe(conversationId, push);
    const ping = setInterval(() => ws.ping(), deps.pingMs ?? 25_000);
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
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
