import { randomBytes } from 'node:crypto';
import type { HandoffPriority, HandoffReason, HandoffTicket, MediaReference } from '../../stores/handoffStore.js';
import type { Language } from '../../i18n/languages.js';

/** What the bot knows when a user needs a person. */
export interface HandoffRequest {
  readonly channel: string;
  /** Opaque channel user id (phone number, BSUID, web chat id): never parsed. */
  readonly userId: string;
  readonly conversationId: string;
  readonly language: Language;
  readonly priority: HandoffPriority;
  readonly reason: HandoffReason;
  readonly summary?: readonly string[];
  readonly media?: readonly MediaReference[];
  /** WhatsApp: when the 24-hour window closes. */
  readonly windowClosesAt?: number;
}

/**
 * The waiting ticket a request opens at `now` (epoch ms): a fresh id, the request's reason as its first, at most
 * the first 20 summary lines and the last 20 media. The store keeps the user's open ticket instead if there is one.
 */
export function ticketFromRequest(request: HandoffRequest, now: number): HandoffTicket {
  return {
    id: newTicketId(now),
    channel: request.channel,
    userId: request.userId,
    conversationId: request.conversationId,
    language: request.language,
    priority: request.priority,
    reasons: [request.reason],
    status: 'waiting',
    createdAt: now,
    waitingSince: now,
    summary: [...(request.summary ?? [])].slice(0, 20),
    media: [...(request.media ?? [])].slice(-20),
    windowClosesAt: request.windowClosesAt,
    requeues: 0,
  };
}

/** Time-ordered, unguessable ticket id (it appears in console URLs, never a user id). */
function newTicketId(now: number): string {
  return `h${now.toString(36)}${randomBytes(5).toString('hex')}`;
}
