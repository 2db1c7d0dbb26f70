import {
  HandoffResult,
  type HandoffOutcome,
  type HandoffResultCode,
  type HandoffStore,
  type HandoffTicket,
  type MediaReference,
  type TranscriptEntry,
} from '../../stores/handoffStore.js';
import { HandoffNotFoundError, throwUnlessOk } from './handoffErrors.js';
import { ticketFromRequest, type HandoffRequest } from './handoffRequest.js';
import { HANDOFF_TRANSITIONS } from './handoffStates.js';
import { estimateWait, orderWaiting, type QueuePosition } from './queueOrder.js';
import { summarizeWaiting, type WaitingSummary } from './waitingSummary.js';

/** Options of {@link HandoffQueue}; every duration in ms. */
export interface HandoffQueueOptions {
  readonly store: HandoffStore;
  /** Epoch ms, default `Date.now` (tests inject a fake clock). */
  readonly now?: () => number;
  /** How long a claim lasts without the console renewing it, default 90 000. */
  readonly leaseMs?: number;
  /** How long an assigned ticket may wait for the caseworker's answer before it is requeued, default 600 000 (10 min). */
  readonly silentMs?: number;
  /** Open tickets per caseworker, default 5. */
  readonly capacity?: number;
  /** A WhatsApp ticket whose window closes within this goes first in its priority, default 2 h. */
  readonly windowSoonMs?: number;
  /** Ended tickets and transcripts are erased this long after closing, default 30 days. */
  readonly retentionMs?: number;
}

/** Which tickets a caseworker lists. */
export type QueueView = 'waiting' | 'mine' | 'all';

/**
 * The caseworker handoff queue: opens tickets for users, lets caseworkers claim (exactly one wins), transfer,
 * release and close them, keeps claims alive as leases and requeues tickets whose caseworker vanished or stayed
 * silent, and keeps each ticket's transcript. The rules live here; each change is one atomic store step.
 */
export class HandoffQueue {
  readonly leaseMs: number;
  readonly silentMs: number;
  readonly capacity: number;
  readonly windowSoonMs: number;
  readonly retentionMs: number;
  private readonly store: HandoffStore;
  private readonly now: () => number;

  constructor(options: HandoffQueueOptions) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.leaseMs = options.leaseMs ?? 90_000;
    this.silentMs = options.silentMs ?? 600_000;
    this.capacity = options.capacity ?? 5;
    this.windowSoonMs = options.windowSoonMs ?? 2 * 3600_000;
    this.retentionMs = options.retentionMs ?? 30 * 24 * 3600_000;
  }

  /** Opens a ticket, or returns the user's open one (its priority raised if this request is more urgent). */
  async open(request: HandoffRequest): Promise<{ ticket: HandoffTicket; created: boolean }> {
    return this.store.open(ticketFromRequest(request, this.now()));
  }

  get(id: string): Promise<HandoffTicket | undefined> {
    return this.store.get(id);
  }

  /** The ticket, or throws {@link HandoffNotFoundError}. */
  async require(id: string): Promise<HandoffTicket> {
    const ticket = await this.store.get(id);
    if (!ticket) throw new HandoffNotFoundError(id);
    return ticket;
  }

  /** The user's open ticket, if any (the bot stays quiet while there is one). */
  openTicketOf(channel: string, userId: string): Promise<HandoffTicket | undefined> {
    return this.store.openTicketOf(channel, userId);
  }

  /** Waiting tickets in serving order. */
  async waiting(): Promise<HandoffTicket[]> {
    return orderWaiting(await this.store.list('waiting'), this.now(), this.windowSoonMs);
  }

  /** A caseworker's view: waiting (serving order), mine (assigned to them), all (open, then recently ended). */
  async list(view: QueueView, caseworker: string): Promise<HandoffTicket[]> {
    if (view === 'waiting') return this.waiting();
    if (view === 'mine') return (await this.store.list('open')).filter((t) => t.assignee === caseworker);
    return this.store.list('all');
  }

  /** Place and realistic wait of a waiting ticket; undefined when it is not waiting. */
  async position(ticketId: string): Promise<QueuePosition | undefined> {
    const waiting = await this.waiting();
    const index = waiting.findIndex((t) => t.id === ticketId);
    if (index < 0) return undefined;
    const ticket = waiting[index]!;
    const waits = await this.store.recentWaits(ticket.priority);
    return { place: index + 1, estimatedWaitMs: estimateWait(waits, this.now() - ticket.waitingSince) };
  }

  /**
   * Gives the ticket to `caseworker`. Of any number of concurrent claims exactly one succeeds; the others get
   * {@link HandoffConflictError} (409), or {@link HandoffCapacityError} when the caseworker is full.
   */
  async claim(id: string, caseworker: string): Promise<HandoffTicket> {
    const code = await this.store.claim(id, caseworker, {
      now: this.now(),
      leaseMs: this.leaseMs,
      capacity: this.capacity,
      from: HANDOFF_TRANSITIONS.claim.from,
    });
    this.check(code, id, 'claim', caseworker);
    return this.require(id);
  }

  /** Hands an assigned ticket to `to`. `from` must be the assignee, unless undefined (an admin). */
  async transfer(id: string, from: string | undefined, to: string): Promise<HandoffTicket> {
    const code = await this.store.transfer(id, from, to, {
      now: this.now(),
      leaseMs: this.leaseMs,
      capacity: this.capacity,
      from: HANDOFF_TRANSITIONS.transfer.from,
    });
    this.check(code, id, 'transfer', to);
    return this.require(id);
  }

  /** The assignee (or an admin, `caseworker` undefined) gives the ticket back: front of its priority. */
  async release(id: string, caseworker: string | undefined): Promise<void> {
    const code = await this.store.release(id, caseworker, { now: this.now(), from: HANDOFF_TRANSITIONS.release.from });
    this.check(code, id, 'release');
  }

  /** The assignee (or an admin) ends the ticket with an outcome. */
  async close(id: string, caseworker: string | undefined, outcome: HandoffOutcome): Promise<HandoffTicket> {
    const code = await this.store.finish(id, caseworker, { status: 'closed', outcome }, { now: this.now(), from: HANDOFF_TRANSITIONS.close.from });
    this.check(code, id, 'close');
    return this.require(id);
  }

  /** The user went back to the bot. Resolves false when the ticket had already ended. */
  async cancelByUser(id: string): Promise<boolean> {
    const code = await this.store.finish(
      id,
      undefined,
      { status: 'cancelled', outcome: 'cancelled_by_user' },
      { now: this.now(), from: HANDOFF_TRANSITIONS.cancel.from },
    );
    return code === HandoffResult.ok;
  }

  /** The open console says the caseworker is still there: renews their leases and presence. Returns how many leases. */
  async heartbeat(caseworker: string): Promise<number> {
    await this.store.markPresent(caseworker, this.now() + this.leaseMs);
    return this.store.renewLeases(caseworker, this.now(), this.leaseMs);
  }

  /**
   * Auto-assignment: gives waiting tickets, in serving order, to the least loaded available caseworkers (console
   * open) below capacity. Each claim is the same atomic step as a manual one. Returns the tickets assigned.
   */
  async assignWaiting(): Promise<Array<{ ticket: HandoffTicket; caseworker: string }>> {
    const present = await this.store.present(this.now());
    if (present.length === 0) return [];
    const loads = await this.store.loads();
    const assigned: Array<{ ticket: HandoffTicket; caseworker: string }> = [];
    for (const ticket of await this.waiting()) {
      const candidate = present
        .filter((who) => (loads[who] ?? 0) < this.capacity)
        .sort((a, b) => (loads[a] ?? 0) - (loads[b] ?? 0) || a.localeCompare(b))[0];
      if (!candidate) break;
      const code = await this.store.claim(ticket.id, candidate, { now: this.now(), leaseMs: this.leaseMs, capacity: this.capacity, from: HANDOFF_TRANSITIONS.claim.from });
      if (code === HandoffResult.atCapacity) loads[candidate] = this.capacity;
      if (code !== HandoffResult.ok) continue;
      loads[candidate] = (loads[candidate] ?? 0) + 1;
      assigned.push({ ticket: (await this.store.get(ticket.id)) ?? ticket, caseworker: candidate });
    }
    return assigned;
  }

  /** Requeues tickets whose lease ran out or whose caseworker stayed silent; erases ended tickets past their lifetime. */
  async sweep(): Promise<{ requeued: string[]; purged: number }> {
    const now = this.now();
    const requeued = await this.store.requeueExpired(now, this.silentMs);
    const purged = await this.store.purgeEnded(now - this.retentionMs);
    return { requeued, purged };
  }

  /**
   * Records what the user wrote or sent while the ticket is open; `turn` (dialogs/turnRecordKey.ts) makes a
   * re-run turn record it once.
   */
  async recordUserMessage(id: string, message: { text?: string; media?: MediaReference; turn?: string }, windowClosesAt?: number): Promise<void> {
    await this.store.append(id, { at: this.now(), from: 'user', text: message.text?.slice(0, 4000), media: message.media, turn: message.turn }, windowClosesAt);
  }

  /**
   * Records an automatic message the user was sent about this ticket (queue place, hand back), or that the channel
   * holds; once per `turn` key (dialogs/turnRecordKey.ts).
   */
  async recordBotMessage(id: string, text: string, options: { delivery?: 'sent' | 'held'; turn?: string } = {}): Promise<void> {
    await this.store.append(id, { at: this.now(), from: 'bot', text: text.slice(0, 4000), delivery: options.delivery ?? 'sent', turn: options.turn });
  }

  /**
   * Records a caseworker message with what really happened to it (sent, held until the user writes, failed) and the
   * channel key it was sent under (a held one is sent again under it when the user writes).
   */
  async recordCaseworkerMessage(id: string, caseworker: string, text: string, delivery: 'sent' | 'held' | 'failed', sendKey?: string): Promise<TranscriptEntry> {
    const entry: TranscriptEntry = { at: this.now(), from: 'caseworker', author: caseworker, text: text.slice(0, 4000), delivery, ...(sendKey ? { sendKey } : {}) };
    if (!(await this.store.append(id, entry))) throw new HandoffNotFoundError(id);
    return entry;
  }

  /** An internal note: kept in the transcript, never sent to the user. */
  async addNote(id: string, caseworker: string, text: string): Promise<TranscriptEntry> {
    const entry: TranscriptEntry = { at: this.now(), from: 'note', author: caseworker, text: text.slice(0, 4000) };
    if (!(await this.store.append(id, entry))) throw new HandoffNotFoundError(id);
    return entry;
  }

  transcript(id: string): Promise<TranscriptEntry[]> {
    return this.store.transcript(id);
  }

  /** Caseworker messages of the ticket still held (WhatsApp window closed), oldest first, with their send keys. */
  async heldReplies(id: string): Promise<Array<TranscriptEntry & { sendKey: string }>> {
    return (await this.store.transcript(id)).filter((e): e is TranscriptEntry & { sendKey: string } => e.from === 'caseworker' && e.delivery === 'held' && e.sendKey !== undefined);
  }

  /** A held caseworker message finally went out (or failed for good); true when this call recorded it. */
  markDelivered(id: string, sendKey: string, delivery: 'sent' | 'failed'): Promise<boolean> {
    return this.store.markDelivered(id, sendKey, delivery, this.now());
  }

  /**
   * Records that the waiting user was told `place` now, if the last telling of this waiting spell is still
   * `previousAt` (undefined: none yet). True when recorded: the caller that gets true is the one that tells.
   */
  markPlaceTold(ticket: Pick<HandoffTicket, 'id' | 'waitingSince'>, place: number, previousAt: number | undefined): Promise<boolean> {
    return this.store.markPlaceTold(ticket.id, { place, at: this.now(), since: ticket.waitingSince }, previousAt);
  }

  /** The place last told in the ticket's current waiting spell, if any. */
  static lastToldPlace(ticket: HandoffTicket): { place: number; at: number } | undefined {
    return ticket.placeTold?.since === ticket.waitingSince ? ticket.placeTold : undefined;
  }

  /** Marks the "not forgotten" reminder as sent for this window; true only the first time (send once). */
  markReminderSent(id: string, windowClosesAt: number): Promise<boolean> {
    return this.store.markReminderSent(id, windowClosesAt);
  }

  /** Waiting tickets per priority, and the oldest wait of each, in ms. */
  async summary(): Promise<WaitingSummary> {
    const now = this.now();
    return summarizeWaiting(await this.store.list('waiting'), now);
  }

  loads(): Promise<Record<string, number>> {
    return this.store.loads();
  }

  counts(): Promise<Record<string, number>> {
    return this.store.counts().then((c) => ({ ...c }));
  }

  /** "Delete my data": erases the user's tickets and transcripts (anonymous counts remain). */
  eraseUser(channel: string, userId: string): Promise<number> {
    return this.store.eraseUser(channel, userId);
  }

  /** A number change: the user's tickets (the open one included) follow them to their new id. */
  moveUser(channel: string, oldUserId: string, newUserId: string): Promise<number> {
    return this.store.moveUser(channel, oldUserId, newUserId);
  }

  /** Calls `listener` with a ticket id whenever that ticket changes (any instance). */
  subscribe(listener: (ticketId: string) => void): () => void {
    return this.store.subscribe(listener);
  }

  /** Stops the store's background connections (at shutdown). */
  shutdown(): Promise<void> {
    return this.store.close();
  }

  /** Throws the refusal a store step's result code means (see {@link throwUnlessOk}). */
  private check(code: HandoffResultCode, id: string, action: string, caseworker?: string): void {
    throwUnlessOk(code, id, action, caseworker, this.capacity);
  }
}
