import type { HandoffTicket } from '../domain/handoff/handoffTicket.js';

/**
 * What the console shows of a ticket: never the channel user id (a phone number on WhatsApp) — caseworkers work
 * with the conversation, and replies go out through the ticket.
 */
export interface TicketView {
  readonly id: string;
  readonly channel: string;
  readonly language: string;
  readonly priority: HandoffTicket['priority'];
  readonly reasons: HandoffTicket['reasons'];
  readonly status: HandoffTicket['status'];
  readonly assignee?: string;
  readonly createdAt: number;
  readonly waitingSince: number;
  /** How long it has waited (waiting) or since it was assigned, in ms. */
  readonly waitedMs: number;
  /** 1 = next to serve, for waiting tickets. */
  readonly place?: number;
  /** WhatsApp: ms until the 24-hour window closes (negative: closed). */
  readonly windowRemainingMs?: number;
  readonly summary: readonly string[];
  readonly media: HandoffTicket['media'];
  readonly lastUserMessageAt?: number;
  readonly lastCaseworkerReplyAt?: number;
  readonly outcome?: HandoffTicket['outcome'];
  readonly closedAt?: number;
}

/** The console's view of `ticket` at `now`. */
export function ticketView(ticket: HandoffTicket, now: number, place?: number): TicketView {
  return {
    id: ticket.id,
    channel: ticket.channel,
    language: ticket.language,
    priority: ticket.priority,
    reasons: ticket.reasons,
    status: ticket.status,
    assignee: ticket.assignee,
    createdAt: ticket.createdAt,
    waitingSince: ticket.waitingSince,
    waitedMs: Math.max(0, now - (ticket.status === 'waiting' ? ticket.waitingSince : (ticket.assignedAt ?? ticket.waitingSince))),
    place,
    windowRemainingMs: ticket.windowClosesAt === undefined ? undefined : ticket.windowClosesAt - now,
    summary: ticket.summary,
    media: ticket.media,
    lastUserMessageAt: ticket.lastUserMessageAt,
    lastCaseworkerReplyAt: ticket.lastCaseworkerReplyAt,
    outcome: ticket.outcome,
    closedAt: ticket.closedAt,
  };
}
