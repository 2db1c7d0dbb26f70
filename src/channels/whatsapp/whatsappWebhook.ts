import type { IncomingMessage } from 'node:http';
import type { Next, Request, Response, Server } from 'restify';
import type { Config } from '../../config/config.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AppMetrics } from '../../observability/metrics.js';
import { maskId } from '../../observability/redactPersonalData.js';
import { describeError } from '../../observability/describeError.js';
import { logHash } from '../../observability/logHash.js';
import type { InboundQueue } from '../../stores/types.js';
import type { WhatsAppContactStore, WhatsAppDeliveryStatus } from './contactStore.js';
import type { WhatsAppInbound } from './inboundActivity.js';
import { readWebhookBatch, WebhookPayload, type WebhookStatus } from './webhookPayload.js';
import { triageWebhookMessage, type IgnoredReason } from './webhookTriage.js';
import { userIdsOfStatus } from './whatsappUserId.js';
import type { WhatsAppIdentityLinks } from '../../stores/whatsappIdentityLinks.js';
import { conversationIdOf, recordArrival } from './whatsappIdentity.js';
import type { WhatsAppArrivals } from '../../stores/whatsappArrivals.js';
import type { SenderIds } from './webhookPayload.js';
import { verifyTokenMatches, verifyWebhookSignature } from './webhookSignature.js';

/** Path of the webhook Meta calls (GET handshake, POST updates). */
export const WHATSAPP_WEBHOOK_PATH = '/api/whatsapp';

/** Dependencies of {@link registerWhatsAppRoutes}. */
export interface WhatsAppRoutesDeps {
  /**
   * Reads WHATSAPP_VERIFY_TOKEN, WHATSAPP_APP_SECRET, WHATSAPP_MAX_BODY_BYTES (413 above it) and
   * WHATSAPP_PHONE_NUMBER_ID (messages to another number of the account are ignored; unset: none are).
   */
  readonly config: Pick<Config, 'WHATSAPP_VERIFY_TOKEN' | 'WHATSAPP_APP_SECRET' | 'WHATSAPP_MAX_BODY_BYTES'> &
    Partial<Pick<Config, 'WHATSAPP_PHONE_NUMBER_ID'>>;
  /** Where each message waits for its turn (conversation `whatsapp:<wa_id>`, id = wamid, channel `whatsapp`). */
  readonly queue: InboundQueue;
  readonly contacts: WhatsAppContactStore;
  /** Links between a user's phone number and BSUID (whatsappIdentity.ts); unset: each id is its own conversation. */
  readonly links?: WhatsAppIdentityLinks;
  /** With `links`: the link check and the inbound time in one store step (see whatsappArrivals.ts); unset: two steps. */
  readonly arrivals?: Pick<WhatsAppArrivals, 'arrive'>;
  readonly logger: AppLogger;
  /** Counts ignored messages (`tdu_whatsapp_ignored_total`), when metrics are on. */
  readonly metrics?: Pick<AppMetrics, 'whatsappIgnored'>;
}

/** Channel name of WhatsApp messages in the inbound queue (the TurnWorker handler key). */
export const WHATSAPP_CHANNEL = 'whatsapp';

/** Ordering key of a WhatsApp user's messages in the inbound queue. */
export function whatsappConversationKey(waId: string): string {
  return `${WHATSAPP_CHANNEL}:${waId}`;
}

class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Request body exceeds ${limit} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the raw request body as bytes (the signature covers exact bytes), refusing more than `limit`. */
function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // drain without keeping it, so the 413 can be written
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.once('error', (err) => {
      if (!failed) reject(err);
      failed = true;
    });
  });
}

const DELIVERY_STATUSES = new Set<string>(['sent', 'delivered', 'read', 'failed']);

/**
 * Registers the WhatsApp Cloud API webhook:
 * - `GET /api/whatsapp`: Meta's verification handshake (`hub.mode=subscribe` and the verify token → the
 *   `hub.challenge` as text/plain; anything else 403).
 * - `POST /api/whatsapp`: reads the raw body (at most WHATSAPP_MAX_BODY_BYTES, else 413), checks
 *   `X-Hub-Signature-256` (401, nothing stored), parses JSON (400 when unparsable), then stores every message
 *   of the batch in the inbound queue (one user's in order) and records every status, and only then answers
 *   200. A queue that is full and a store error (Redis down) both answer 503, so Meta retries; messages already stored come
 *   back as duplicates. A well-signed body we do not understand is acknowledged (200) and logged.
 * Never lets an error reach restify; logs carry masked ids and counts, never text, names or numbers.
 */
export function registerWhatsAppRoutes(server: Server, deps: WhatsAppRoutesDeps): void {
  const { config, contacts, logger } = deps;
  const log = logger.child({ channel: WHATSAPP_CHANNEL });

  server.get(WHATSAPP_WEBHOOK_PATH, (req: Request, res: Response, next: Next) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const token = config.WHATSAPP_VERIFY_TOKEN;
    if (query.get('hub.mode') === 'subscribe' && verifyTokenMatches(query.get('hub.verify_token'), token)) {
      const challenge = query.get('hub.challenge') ?? '';
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(challenge);
      log.info('webhook verification handshake accepted');
      return next();
    }
    log.warn({ mode: query.get('hub.mode') ?? undefined }, 'webhook verification refused');
    reply(res, 403, 'forbidden');
    return next();
  });

  server.post(WHATSAPP_WEBHOOK_PATH, async (req: Request, res: Response) => {
    try {
      let raw: Buffer;
      try {
        raw = await readRawBody(req, config.WHATSAPP_MAX_BODY_BYTES);
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          log.warn({ limit: err.limit }, 'webhook body too large');
          reply(res, 413, 'payload too large');
        } else {
          log.warn({ err: { name: (err as Error).name } }, 'webhook body could not be read');
          reply(res, 400, 'bad request');
        }
        return;
      }
      const secret = config.WHATSAPP_APP_SECRET;
      if (!secret || !verifyWebhookSignature(raw, req.headers['x-hub-signature-256'], secret)) {
        log.warn({ signature: req.headers['x-hub-signature-256'] === undefined ? 'missing' : 'invalid', bytes: raw.length }, 'webhook signature refused');
        reply(res, 401, 'invalid signature');
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        log.warn({ bytes: raw.length }, 'signed webhook body is not JSON');
        reply(res, 400, 'invalid JSON');
        return;
      }
      const payload = WebhookPayload.safeParse(json);
      if (!payload.success) {
        // Meta retries anything but 2xx for days: acknowledge what we will never understand.
        log.warn({ issues: payload.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).slice(0, 5) }, 'signed webhook not understood; acknowledged and ignored');
        reply(res, 200, 'ignored');
        return;
      }
      const batch = readWebhookBatch(payload.data);
      if (batch.skipped > 0) log.warn({ skipped: batch.skipped }, 'webhook items not understood; ignored');

      const inbound: Array<{ readonly inbound: WhatsAppInbound; readonly sender: SenderIds }> = [];
      const ignored = new Map<IgnoredReason, number>();
      for (const { message, phoneNumberId, profileName, sender } of batch.messages) {
        const triage = triageWebhookMessage(message, phoneNumberId, config.WHATSAPP_PHONE_NUMBER_ID, profileName);
        if (triage.action === 'enqueue') inbound.push({ inbound: triage.inbound, sender });
        else ignored.set(triage.reason, (ignored.get(triage.reason) ?? 0) + 1);
      }
      for (const [reason, count] of ignored) {
        deps.metrics?.whatsappIgnored.inc({ reason }, count);
        log.info({ reason, count }, 'whatsapp messages acknowledged without an answer');
      }
      const outcome = await storeMessages(inbound, deps, log);
      if (outcome !== 'ok') {
        reply(res, 503, outcome === 'full' ? 'busy, retry later' : 'store unavailable');
        return;
      }
      try {
        await recordStatuses(batch.statuses, contacts, deps.links, log);
      } catch (err) {
        log.error({ err: { name: (err as Error).name } }, 'whatsapp statuses could not be recorded; Meta will retry');
        reply(res, 503, 'store unavailable');
        return;
      }
      reply(res, 200, 'ok');
    } catch (err) {
      log.error({ err: describeError(err) }, 'whatsapp webhook failed');
      if (!res.headersSent) reply(res, 500, 'error');
    }
  });
}

/**
 * Records the inbound time and enqueues each message: one user's messages one after the other (so the queue
 * keeps their order), different users in parallel. Returns 'full' or 'error' when any message was not stored.
 */
async function storeMessages(messages: Array<{ readonly inbound: WhatsAppInbound; readonly sender: SenderIds }>, deps: WhatsAppRoutesDeps, log: AppLogger): Promise<'ok' | 'full' | 'error'> {
  const byUser = new Map<string, Array<{ readonly inbound: WhatsAppInbound; readonly sender: SenderIds }>>();
  for (const m of messages) byUser.set(m.inbound.waId, [...(byUser.get(m.inbound.waId) ?? []), m]);
  const results = await Promise.all(
    [...byUser.values()].map(async (userMessages) => {
      for (const { inbound, sender } of userMessages) {
        let m = inbound;
        try {
          // A number-change notice keeps the id it names: the move itself knows when that id is only an alias.
          // The inbound time is recorded before enqueueing: the reply may be sent before this request ends, and needs
          // the 24-hour window open. A number-change notice is WhatsApp speaking, not the user: it opens no window.
          if (m.kind !== 'numberChange') m = { ...m, waId: await arrivedAs(sender, m, deps) };
          const result = await deps.queue.enqueue({
            id: m.messageId,
            conversationKey: whatsappConversationKey(m.waId),
            channel: WHATSAPP_CHANNEL,
            payload: JSON.stringify(m),
          });
          if (result === 'full') {
            log.warn({ user: maskId(m.waId) }, 'inbound queue full; asking Meta to retry');
            return 'full' as const;
          }
          log.debug({ user: maskId(m.waId), messageId: logHash(m.messageId), kind: m.kind, result }, 'whatsapp message stored');
        } catch (err) {
          log.error({ user: maskId(m.waId), err: { name: (err as Error).name } }, 'whatsapp message could not be stored; Meta will retry');
          return 'error' as const;
        }
      }
      return 'ok' as const;
    }),
  );
  return results.includes('error') ? 'error' : results.includes('full') ? 'full' : 'ok';
}

/** The conversation id a user's message is keyed by, once its inbound time is recorded on it. */
async function arrivedAs(sender: SenderIds, m: WhatsAppInbound, deps: WhatsAppRoutesDeps): Promise<string> {
  const { links, arrivals, contacts } = deps;
  if (links && arrivals) return recordArrival(sender, m.waId, m.sentAt, { links, contacts, arrivals });
  const waId = links ? await conversationIdOf(sender, m.waId, { links, contacts }) : m.waId;
  await contacts.recordInbound(waId, m.sentAt);
  return waId;
}

async function recordStatuses(statuses: WebhookStatus[], contacts: WhatsAppContactStore, links: WhatsAppIdentityLinks | undefined, log: AppLogger): Promise<void> {
  for (const s of statuses) {
    if (!DELIVERY_STATUSES.has(s.status)) continue;
    const errorCode = s.errors?.find((e) => e.code !== undefined)?.code;
    // The user is keyed by phone number or BSUID; a status may name both (or the id linked to the key), and only the key's record matches.
    const named = userIdsOfStatus(s);
    const linked = links ? await Promise.all(named.map((id) => links.resolve(id))) : [];
    const userIds = [...new Set([...named, ...linked.filter((id): id is string => id !== undefined)])];
    for (const waId of userIds) {
      const kept = await contacts.recordStatus({
        waId,
        messageId: s.id,
        status: s.status as WhatsAppDeliveryStatus,
        at: Number(s.timestamp) * 1000,
        ...(errorCode !== undefined ? { errorCode } : {}),
      });
      if (kept) break;
    }
    if (s.status === 'failed') log.warn({ user: maskId(userIds[0] ?? ''), code: errorCode }, 'whatsapp message delivery failed');
  }
}

const ERROR_CODES: Readonly<Record<number, string>> = { 400: 'BadRequest', 401: 'InvalidSignature', 403: 'Forbidden', 413: 'PayloadTooLarge', 500: 'InternalError', 503: 'ServiceUnavailable' };

/** Answers Meta: 2xx as short text (Meta reads only the status), errors as the JSON error body every route uses. */
function reply(res: Response, status: number, text: string): void {
  if (status >= 400) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: { code: ERROR_CODES[status] ?? 'Error', message: text } }));
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
