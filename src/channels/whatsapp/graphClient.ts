import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { redactPersonalData } from '../../observability/redactPersonalData.js';
import { graphRecipientFields } from './whatsappUserId.js';

/** A Graph message body without the envelope (`messaging_product`, `to`), e.g. `{type:'text', text:{body}}`. */
export type GraphMessage = { readonly type: string } & Record<string, unknown>;

/** Options of {@link GraphClient}. */
export interface GraphClientOptions {
  /** Graph API base URL, e.g. https://graph.facebook.com/v23.0 (WHATSAPP_API_URL). */
  readonly apiUrl: string;
  /** The business phone number id (WHATSAPP_PHONE_NUMBER_ID). */
  readonly phoneNumberId: string;
  /** System-user access token (WHATSAPP_ACCESS_TOKEN). */
  readonly accessToken: string;
  /** Time allowed for one request in ms, default 15 000. */
  readonly timeoutMs?: number;
  /** Most sockets kept open to the Graph API, default 64 (the sender's concurrency never needs more). */
  readonly maxSockets?: number;
}

const GraphErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

const SendResponse = z.object({
  messages: z.array(z.object({ id: z.string() })).min(1),
});

/** Longest a kept-alive Graph socket stays open unused (ms). */
const IDLE_SOCKET_MS = 30_000;

/** Short advice for staff for the Graph error codes we meet, so a log line says what to do. */
const HINTS: Readonly<Record<number, string>> = {
  0: 'authentication failed: check WHATSAPP_ACCESS_TOKEN',
  4: 'application request limit reached: requests are retried later',
  10: 'permission denied: the token lacks whatsapp_business_messaging',
  100: 'invalid parameter: the payload broke a Graph limit (lengths, counts) or WHATSAPP_PHONE_NUMBER_ID is wrong',
  190: 'access token invalid or expired: renew WHATSAPP_ACCESS_TOKEN (use a system-user token)',
  200: 'permission denied: the app is not allowed to message for this number',
  130429: 'number throughput reached (WHATSAPP_RATE_PER_SECOND too high?): retried with backoff',
  131000: 'Meta had a transient problem: retried',
  131026: 'message undeliverable: the number has no WhatsApp or an old app version',
  131030: 'recipient not in the allowed list of a test number: add it in the Meta app dashboard',
  131047: 'more than 24 hours since the user last wrote: only a template can be sent',
  131051: 'unsupported message type',
  131056: 'too many messages to this user in a short time (pair rate limit): retried with 4^n s backoff',
  132000: 'template parameter count mismatch: check WHATSAPP_REENGAGE_TEMPLATE',
  132001: 'template does not exist in this language: check WHATSAPP_REENGAGE_TEMPLATE(_LANGUAGE)',
};

/**
 * A refused or failed Graph API call. Carries the HTTP status (undefined for a network error), Graph's
 * `code`/`subcode`, the method and a hint; never the message text or the recipient.
 */
export class GraphApiError extends Error {
  /** HTTP status, or undefined when no answer arrived (network error, timeout). */
  readonly status: number | undefined;
  /** Graph `error.code` (e.g. 131056), when Graph answered with an error body. */
  readonly code: number | undefined;
  /** Graph `error.error_subcode`. */
  readonly subcode: number | undefined;
  /** Which call failed, e.g. `POST /messages`. */
  readonly method: string;
  /** What staff can do about it (may be empty). */
  readonly hint: string;
  /** Meta's trace id, to quote to Meta support. */
  readonly fbtraceId: string | undefined;
  /** Node's code of a network error (ECONNRESET, ECONNABORTED, ETIMEDOUT, ECONNREFUSED…), when no answer came. */
  readonly networkCode: string | undefined;

  constructor(init: {
    status?: number;
    code?: number;
    subcode?: number;
    method: string;
    graphMessage?: string;
    fbtraceId?: string;
    networkCode?: string;
    cause?: unknown;
  }) {
    const hint = (init.code !== undefined ? HINTS[init.code] : undefined) ?? (init.status === 401 ? HINTS[190]! : '');
    const what = init.status === undefined ? 'network error' : `HTTP ${init.status}${init.code !== undefined ? ` code ${init.code}` : ''}`;
    // Graph's own message is scrubbed: it rarely, but possibly, quotes a number.
    const detail = init.graphMessage ? `: ${redactPersonalData(init.graphMessage).slice(0, 200)}` : '';
    super(`Graph API ${init.method} failed (${what})${detail}${hint ? ` — ${hint}` : ''}`, { cause: init.cause });
    this.name = 'GraphApiError';
    this.status = init.status;
    this.code = init.code;
    this.subcode = init.subcode;
    this.method = init.method;
    this.hint = hint;
    this.fbtraceId = init.fbtraceId;
    this.networkCode = init.networkCode;
  }
}

/** The request body as JSON (every Graph call here sends a plain object; `content-type` is set on the instance). */
function serialiseBody(data: unknown): string {
  return JSON.stringify(data);
}

/** Graph's answer parsed as JSON, or the text as it came when it is not JSON (as axios' silent JSON parsing does). */
function parseAnswer(data: unknown): unknown {
  if (typeof data !== 'string' || data === '') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * Thin axios client of the WhatsApp Cloud API message endpoint (`POST /{phone-number-id}/messages`):
 * one call, no retry (the sender decides), every failure as a {@link GraphApiError}.
 */
export class GraphClient {
  private readonly http: AxiosInstance;
  private readonly path: string;
  private readonly agents: { httpAgent: HttpAgent; httpsAgent: HttpsAgent };

  constructor(options: GraphClientOptions) {
    // Lean path: one keep-alive pool (no TCP + TLS handshake per message), and none of axios' redirect
    // (follow-redirects) or proxy (HTTP(S)_PROXY lookup) machinery: the Graph API answers directly and a
    // redirect there would mean a wrong WHATSAPP_API_URL, better seen as an error than followed.
    // Every socket of the pool may stay open when idle: with fewer free ones kept (16 until 3 December), each burst
    // of sends closed the sockets past that number and the next burst opened them again (a TCP and TLS handshake
    // each; under the load bench, socket close and open were about 2% of a turn thread's CPU).
    // An idle socket is closed after IDLE_SOCKET_MS, or a second before the keep-alive timeout the server announces
    // (`Keep-Alive: timeout=N`), whichever comes first: Node's agent only honours that announcement when it has an
    // idle timeout of its own, and without one a socket the server was closing at that moment could be reused
    // (ECONNRESET: most likely how one read receipt, sent once, failed in a load bench run).
    const maxSockets = options.maxSockets ?? 64;
    const socketOptions = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets, maxFreeSockets: maxSockets, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' as const };
    this.agents = { httpAgent: new HttpAgent(socketOptions), httpsAgent: new HttpsAgent(socketOptions) };
    this.http = axios.create({
      baseURL: options.apiUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 15_000,
      headers: { authorization: `Bearer ${options.accessToken}`, 'content-type': 'application/json' },
      validateStatus: () => true,
      adapter: 'http',
      maxRedirects: 0,
      proxy: false,
      // Our bodies are always plain objects and Graph answers JSON: these replace axios' general transforms
      // (a dozen type probes for forms, streams, blobs… on every request and answer) with the one step taken.
      transformRequest: [serialiseBody],
      transformResponse: [parseAnswer],
      ...this.agents,
    });
    this.path = `/${encodeURIComponent(options.phoneNumberId)}/messages`;
  }

  /**
   * Sends one message to `to`: a phone-number wa_id (sent as `to`) or a business-scoped user id (sent as
   * `recipient`); resolves with Graph's message id (`wamid…`).
   */
  async sendMessage(to: string, message: GraphMessage): Promise<string> {
    const data = await this.post({ messaging_product: 'whatsapp', recipient_type: 'individual', ...graphRecipientFields(to), ...message });
    const parsed = SendResponse.safeParse(data);
    if (!parsed.success) throw new GraphApiError({ status: 200, method: 'POST /messages', graphMessage: 'answer without message id' });
    return parsed.data.messages[0]!.id;
  }

  /** Marks an inbound message as read (blue ticks). */
  async markRead(messageId: string): Promise<void> {
    await this.post({ messaging_product: 'whatsapp', status: 'read', message_id: messageId });
  }

  /** Closes the idle keep-alive sockets (on shutdown, so the process can exit at once). */
  close(): void {
    this.agents.httpAgent.destroy();
    this.agents.httpsAgent.destroy();
  }

  private async post(body: Record<string, unknown>): Promise<unknown> {
    const method = 'POST /messages';
    let response;
    try {
      response = await this.http.post(this.path, body);
    } catch (err) {
      // Only the code survives (ECONNRESET, ETIMEDOUT…): axios errors hold the request config, token included.
      const code = (err as { code?: string }).code ?? 'unknown';
      throw new GraphApiError({ method, graphMessage: `connection failed (${code})`, networkCode: code });
    }
    if (response.status >= 200 && response.status < 300) return response.data;
    const parsed = GraphErrorBody.safeParse(response.data);
    const error = parsed.success ? parsed.data.error : undefined;
    throw new GraphApiError({
      status: response.status,
      code: error?.code,
      subcode: error?.error_subcode,
      method,
      graphMessage: error?.message,
      fbtraceId: error?.fbtrace_id,
    });
  }
}
