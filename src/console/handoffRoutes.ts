import { randomUUID } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { ContentRepository } from '../domain/content/faqEntry.js';
import { HandoffError, HandoffNotAssigneeError } from '../domain/handoff/handoffErrors.js';
import type { HandoffQueue } from '../domain/handoff/handoffQueue.js';
import { HandoffOutcome, type HandoffTicket } from '../domain/handoff/handoffTicket.js';
import type { MediaFetcher, UserMessenger } from '../domain/handoff/userMessenger.js';
import { jsonBody } from '../http/createHttpServer.js';
import type { Translator } from '../i18n/i18n.js';
import { isLanguage } from '../i18n/languages.js';
import type { AppLogger } from '../observability/logger.js';
import type { StaffAccountStore } from '../stores/staffStore.js';
import type { StaffAuth, StaffPrincipal } from './auth/staffAuth.js';
import { ticketView } from './ticketView.js';

/** Base path of the console API. */
export const CONSOLE_API = '/console/api';

/** Dependencies of {@link registerHandoffRoutes}. */
export interface HandoffRoutesDeps {
  readonly queue: HandoffQueue;
  readonly messenger: UserMessenger;
  readonly media?: MediaFetcher;
  readonly auth: StaffAuth;
  readonly accounts: StaffAccountStore;
  readonly translator: Translator;
  /** FAQ content: canned replies in the user's language. */
  readonly content: ContentRepository;
  readonly maxBodyBytes: number;
  readonly logger: AppLogger;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
}

const TextBody = z.object({ text: z.string().trim().min(1).max(4000) });
const TransferBody = z.object({ to: z.string().trim().min(1).max(64) });
const CloseBody = z.object({ outcome: HandoffOutcome });
const Status = z.enum(['waiting', 'mine', 'all']).default('waiting');

/**
 * The caseworker console's handoff API (JSON in and out, every route behind the staff login): list, read (audited),
 * claim (409 when taken), reply on the user's channel, notes, release, transfer, close with outcome, media proxy,
 * canned replies. Ticket ids in URLs are checked; errors carry codes, never personal data.
 */
export function registerHandoffRoutes(server: Server, deps: HandoffRoutesDeps): void {
  const { queue, auth } = deps;
  const now = deps.now ?? Date.now;
  const body = jsonBody(deps.maxBodyBytes);
  const api = CONSOLE_API;

  /** Sends a handoff refusal as its status and code; anything else goes up to the guard (500). */
  const refuse = (res: Response, err: unknown) => {
    if (err instanceof HandoffError) return void res.json(err.status, { error: err.code, message: err.message });
    throw err;
  };
  const ticketId = (req: Request) => String(req.params?.id ?? '');
  const isAdmin = (staff: StaffPrincipal) => staff.role === 'admin';

  /** Tells the ticket's user something on their channel, in their language, and notes it in the transcript. */
  const notify = async (ticket: HandoffTicket, key: string) => {
    const text = deps.translator.forLanguage(ticket.language)(key);
    const delivery = await deps.messenger.send(ticket, text, `handoff:${ticket.id}:${key}:${randomUUID()}`).catch(() => 'failed' as const);
    // A notice held by a closed WhatsApp window is shown as held, never as sent.
    if (delivery !== 'failed') await queue.recordBotMessage(ticket.id, text, { delivery });
  };

  server.get(`${api}/handoffs`, auth.guard(async (req, res, staff) => {
    const status = Status.safeParse((req.query as Record<string, unknown> | undefined)?.status);
    if (!status.success) return void res.json(400, { error: 'bad_request', message: 'status must be waiting, mine or all' });
    const at = now();
    const tickets = await queue.list(status.data, staff.username);
    const views = tickets.map((t, i) => ticketView(t, at, status.data === 'waiting' ? i + 1 : undefined));
    res.json(200, { tickets: views, summary: await queue.summary(), loads: await queue.loads(), capacity: queue.capacity });
  }));

  server.get(`${api}/handoffs/:id`, auth.guard(async (req, res, staff) => {
    try {
      const ticket = await queue.require(ticketId(req));
      const transcript = await queue.transcript(ticket.id);
      await auth.audit(staff.username, 'view_transcript', ticket.id);
      const windowClosesAt = ticket.channel === 'whatsapp' ? await deps.messenger.windowClosesAt(ticket) : undefined;
      res.json(200, {
        ticket: ticketView(windowClosesAt ? { ...ticket, windowClosesAt } : ticket, now(), (await queue.position(ticket.id))?.place),
        transcript,
      });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.post(`${api}/handoffs/:id/claim`, body, auth.guard(async (req, res, staff) => {
    try {
      const ticket = await queue.claim(ticketId(req), staff.username);
      await auth.audit(staff.username, 'claim', ticket.id);
      await notify(ticket, 'handoff.assigned');
      res.json(200, { ticket: ticketView(ticket, now()) });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.post(`${api}/handoffs/:id/messages`, body, auth.guard(async (req, res, staff) => {
    const parsed = TextBody.safeParse(req.body);
    if (!parsed.success) return void res.json(400, { error: 'bad_request', message: 'text (1–4000 characters) is required' });
    try {
      const ticket = await queue.require(ticketId(req));
      if (ticket.assignee !== staff.username || (ticket.status !== 'assigned' && ticket.status !== 'transferred')) {
        throw new HandoffNotAssigneeError(ticket.id, 'reply');
      }
      // The channel's sender says what really happened: a closed WhatsApp window holds the message.
      const sendKey = `handoff:${ticket.id}:${randomUUID()}`;
      const delivery = await deps.messenger.send(ticket, parsed.data.text, sendKey, { fromCaseworker: true }).catch((err: Error) => {
        deps.logger.warn({ ticket: ticket.id, err: { name: err.name } }, 'caseworker reply could not be delivered');
        return 'failed' as const;
      });
      // A held reply keeps its key: it goes out under it when the user writes again (heldReplies.ts).
      const entry = await queue.recordCaseworkerMessage(ticket.id, staff.username, parsed.data.text, delivery, delivery === 'held' ? sendKey : undefined);
      await auth.audit(staff.username, 'message', ticket.id, delivery);
      res.json(delivery === 'failed' ? 502 : 200, { delivery, entry });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.post(`${api}/handoffs/:id/notes`, body, auth.guard(async (req, res, staff) => {
    const parsed = TextBody.safeParse(req.body);
    if (!parsed.success) return void res.json(400, { error: 'bad_request', message: 'text (1–4000 characters) is required' });
    try {
      const entry = await queue.addNote(ticketId(req), staff.username, parsed.data.text);
      await auth.audit(staff.username, 'note', ticketId(req));
      res.json(200, { entry });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.post(`${api}/handoffs/:id/release`, body, auth.guard(async (req, res, staff) => {
    try {
      await queue.release(ticketId(req), isAdmin(staff) ? undefined : staff.username);
      await auth.audit(staff.username, 'release', ticketId(req));
      res.json(200, { ok: true });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.post(`${api}/handoffs/:id/transfer`, body, auth.guard(async (req, res, staff) => {
    const parsed = TransferBody.safeParse(req.body);
    if (!parsed.success) return void res.json(400, { error: 'bad_request', message: 'to (a caseworker username) is required' });
    const to = parsed.data.to.toLowerCase();
    const target = await deps.accounts.get(to);
    if (!target || target.disabled) return void res.json(400, { error: 'unknown_caseworker', message: `no active caseworker named ${to}` });
    try {
      const ticket = await queue.transfer(ticketId(req), isAdmin(staff) ? undefined : staff.username, to);
      await auth.audit(staff.username, 'transfer', ticket.id, to);
      res.json(200, { ticket: ticketView(ticket, now()) });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.post(`${api}/handoffs/:id/close`, body, auth.guard(async (req, res, staff) => {
    const parsed = CloseBody.safeParse(req.body);
    if (!parsed.success) return void res.json(400, { error: 'bad_request', message: `outcome must be one of ${HandoffOutcome.options.join(', ')}` });
    try {
      const ticket = await queue.close(ticketId(req), isAdmin(staff) ? undefined : staff.username, parsed.data.outcome);
      await auth.audit(staff.username, 'close', ticket.id, parsed.data.outcome);
      await notify(ticket, 'handoff.closed');
      res.json(200, { ticket: ticketView(ticket, now()) });
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.get(`${api}/handoffs/:id/media/:mediaId`, auth.guard(async (req, res, staff) => {
    try {
      const ticket = await queue.require(ticketId(req));
      const mediaId = String(req.params?.mediaId ?? '');
      // Only media of this ticket, fetched from the channel now, passed through, never stored.
      if (!ticket.media.some((m) => m.mediaId === mediaId) || !deps.media) return void res.json(404, { error: 'not_found' });
      const file = await deps.media.fetch(ticket.channel, mediaId);
      if (!file) return void res.json(404, { error: 'media_gone', message: 'the channel no longer has this file' });
      await auth.audit(staff.username, 'view_media', ticket.id);
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.length, 'Cache-Control': 'no-store', 'Content-Disposition': 'inline' });
      res.end(file.data);
    } catch (err) {
      refuse(res, err);
    }
  }));

  server.get(`${api}/canned`, auth.guard(async (req, res) => {
    const lang = (req.query as Record<string, unknown> | undefined)?.lang;
    if (!isLanguage(lang)) return void res.json(400, { error: 'bad_request', message: 'lang must be fr, en or ar' });
    res.json(200, { replies: deps.content.entries(lang).map((e) => ({ id: e.id, title: e.title, text: e.answer })) });
  }));
}
