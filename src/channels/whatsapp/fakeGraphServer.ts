import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request received by the fake Graph API, as recorded. */
export interface FakeGraphRequest {
  readonly method: string;
  /** Path without query, e.g. `/123456/messages`. */
  readonly path: string;
  /** Lower-case header names, as Node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  readonly json: unknown;
  /** Epoch ms when the request arrived (real clock). */
  readonly at: number;
  /** How the fake answered: `ok` (accepted; also when `acceptThenDrop` closed the connection after), `failed` (Graph error) or `dropped` (connection closed). */
  outcome: 'ok' | 'failed' | 'dropped';
}

/** How the fake answers the next requests instead of succeeding. */
export interface FakeGraphFailure {
  /** HTTP status, default 500. Ignored when `network` is true. */
  readonly status?: number;
  /** Graph error code (`error.code`), e.g. 131056, 130429, 131026, 100. */
  readonly code?: number;
  /** Graph error subcode (`error.error_subcode`). */
  readonly subcode?: number;
  /** Graph error message, default "(#code) fake failure". */
  readonly message?: string;
  /** Drop the connection without an answer (a network error for the client). */
  readonly network?: boolean;
  /**
   * Accept the message (it counts as sent, like Meta delivering it) but drop the connection before answering:
   * the ambiguous timeout after which a retry duplicates the message.
   */
  readonly acceptThenDrop?: boolean;
  /** Apply this failure to message sends only, letting read receipts through. */
  readonly messagesOnly?: boolean;
}

/** A running fake of Meta's Graph API (the WhatsApp Cloud API message endpoints). */
export interface FakeGraphServer {
  /** Base URL (`http://127.0.0.1:<port>`), to use as WHATSAPP_API_URL. */
  readonly url: string;
  /** Every request received, in arrival order (failed ones included). */
  readonly requests: FakeGraphRequest[];
  /** The bodies of accepted message sends (not read receipts), in order. */
  sentMessages(): Array<Record<string, unknown>>;
  /** Makes the next `n` requests fail as described. Calls queue up. */
  failNext(n: number, failure?: FakeGraphFailure): void;
  /** Delays every answer by `ms` (real time), default 0; used to check that sends wait for each other. */
  setResponseDelay(ms: number): void;
  /**
   * Serves a media file the user "sent", like Graph's media API: `GET /{mediaId}` → `{url, mime_type, id}`, and
   * `GET /media-files/{mediaId}` (that url, token required) → the bytes.
   */
  addMedia(mediaId: string, file: { mimeType: string; data: Buffer }): void;
  /** Resolves once at least `count` requests have arrived, or rejects after `timeoutMs` (default 5 000). */
  waitForRequests(count: number, timeoutMs?: number): Promise<FakeGraphRequest[]>;
  /** Closes the server. */
  stop(): Promise<void>;
}

/**
 * Starts a fake Graph API on 127.0.0.1 (a free port) that records what it receives and answers like Meta:
 * `POST /{phone-number-id}/messages` → `{messaging_product, contacts:[{input, wa_id}], messages:[{id:'wamid.fake.N'}]}`,
 * a read receipt (`status: 'read'`) → `{success: true}`. Failures are Graph-shaped:
 * `{error: {message, type: 'OAuthException', code, error_subcode, fbtrace_id}}`.
 * Used by tests and by the WhatsApp simulator, never in production.
 */
export async function startFakeGraphServer(): Promise<FakeGraphServer> {
  const requests: FakeGraphRequest[] = [];
  const failures: FakeGraphFailure[] = [];
  const waiters = new Set<() => void>();
  let counter = 0;
  let delayMs = 0;
  const media = new Map<string, { mimeType: string; data: Buffer }>();
  let baseUrl = '';

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const send = () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    let json: unknown;
    try {
      json = raw ? JSON.parse(raw) : undefined;
    } catch {
      json = undefined;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const record: FakeGraphRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, json, at: Date.now(), outcome: 'ok' };
    requests.push(record);
    for (const wake of [...waiters]) wake();

    const isReceipt = (json as { status?: unknown } | undefined)?.status === 'read';
    const failure = failures[0]?.messagesOnly && isReceipt ? undefined : failures.shift();
    if (failure?.acceptThenDrop) {
      counter += 1;
      req.socket.destroy();
      return;
    }
    if (failure?.network) {
      record.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    if (failure) {
      record.outcome = 'failed';
      const code = failure.code ?? 1;
      answer(res, failure.status ?? 500, {
        error: {
          message: failure.message ?? `(#${code}) fake failure`,
          type: 'OAuthException',
          code,
          ...(failure.subcode !== undefined ? { error_subcode: failure.subcode } : {}),
          fbtrace_id: `fake-trace-${requests.length}`,
        },
      });
      return;
    }
    if (req.method === 'GET') {
      const file = /^\/media-files\/([^/]+)$/.exec(path);
      const stored = media.get(decodeURIComponent(file?.[1] ?? path.slice(1)));
      if (stored && req.headers.authorization?.startsWith('Bearer ')) {
        if (file) {
          res.writeHead(200, { 'content-type': stored.mimeType, 'content-length': stored.data.length });
          res.end(stored.data);
        } else {
          const id = path.slice(1);
          answer(res, 200, { messaging_product: 'whatsapp', url: `${baseUrl}/media-files/${id}`, mime_type: stored.mimeType, id, file_size: stored.data.length });
        }
        return;
      }
    }
    if (req.method !== 'POST' || !/^\/[^/]+(\/[^/]+)?\/messages$/.test(path)) {
      record.outcome = 'failed';
      answer(res, 404, { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } });
      return;
    }
    const body = (json ?? {}) as Record<string, unknown>;
    if (body.status === 'read') {
      answer(res, 200, { success: true });
      return;
    }
    const to = typeof body.to === 'string' ? body.to : '';
    const recipient = typeof body.recipient === 'string' ? body.recipient : '';
    // Like Meta: a business-scoped user id (`US.123…`) is only accepted in `recipient`, a phone number in `to`.
    if ((to && !/^\+?\d+$/.test(to)) || (!to && !recipient)) {
      record.outcome = 'failed';
      answer(res, 400, { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100, fbtrace_id: `fake-trace-${requests.length}` } });
      return;
    }
    counter += 1;
    answer(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [to ? { input: to, wa_id: to } : { input: recipient, user_id: recipient }],
      messages: [{ id: `wamid.fake.${counter}` }],
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sentMessages: () =>
      requests
        .filter((r) => r.method === 'POST' && r.outcome === 'ok' && (r.json as Record<string, unknown> | undefined)?.status !== 'read')
        .map((r) => r.json as Record<string, unknown>),
    failNext: (n, failure = {}) => {
      for (let i = 0; i < n; i++) failures.push(failure);
    },
    addMedia: (mediaId, file) => {
      media.set(mediaId, file);
    },
    setResponseDelay: (ms) => {
      delayMs = ms;
    },
    waitForRequests: (count, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        if (requests.length >= count) return resolve(requests.slice());
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Graph server: expected ${count} requests, got ${requests.length}`));
        }, timeoutMs);
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(requests.slice());
        };
        waiters.add(check);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
