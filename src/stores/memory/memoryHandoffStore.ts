import { EventEmitter } from 'node:events';
import {
  HandoffResult,
  type AssignOptions,
  type HandoffCounts,
  type HandoffOutcome,
  type HandoffPriority,
  type HandoffResultCode,
  type HandoffStatus,
  type HandoffStore,
  type HandoffTicket,
  type HandoffView,
  type TranscriptEntry,
  TRANSCRIPT_TURN_WINDOW,
} from '../handoffStore.js';

const MAX_WAITS = 50;
const MAX_MEDIA = 20;
const RANK: Record<HandoffPriority, number> = { urgent: 0, vulnerable: 1, normal: 2 };

/**
 * In-process {@link HandoffStore} (embedded store, no REDIS_URL): the same rules as the Redis scripts, in one
 * process (JavaScript runs each method without interleaving between its awaits-free steps).
 */
export class MemoryHandoffStore implements HandoffStore {
  private readonly tickets = new Map<string, HandoffTicket>();
  /** Queue order of waiting tickets (lower first), per ticket id. */
  private readonly scores = new Map<string, number>();
  private readonly leases = new Map<string, number>();
  private readonly transcripts = new Map<string, TranscriptEntry[]>();
  private readonly openByUser = new Map<string, string>();
  private readonly waits: Record<HandoffPriority, number[]> = { urgent: [], vulnerable: [], normal: [] };
  private readonly stats = new Map<string, number>();
  private readonly presence = new Map<string, number>();
  private readonly events = new EventEmitter().setMaxListeners(0);

  async open(ticket: HandoffTicket): Promise<{ ticket: HandoffTicket; created: boolean }> {
    const userKey = `${ticket.channel}:${ticket.userId}`;
    const existingId = this.openByUser.get(userKey);
    const existing = existingId ? this.tickets.get(existingId) : undefined;
    if (existing) {
      if (RANK[ticket.priority] < RANK[existing.priority]) existing.priority = ticket.priority;
      for (const r of ticket.reasons) if (!existing.reasons.includes(r)) existing.reasons.push(r);
      this.emit(existing.id);
      return { ticket: structuredClone(existing), created: false };
    }
    const stored = structuredClone(ticket);
    stored.status = 'waiting';
    this.tickets.set(stored.id, stored);
    this.scores.set(stored.id, stored.waitingSince);
    this.openByUser.set(userKey, stored.id);
    this.count(`opened:${stored.priority}`);
    this.emit(stored.id);
    return { ticket: structuredClone(stored), created: true };
  }

  async get(id: string): Promise<HandoffTicket | undefined> {
    const t = this.tickets.get(id);
    return t ? structuredClone(t) : undefined;
  }

  async openTicketOf(channel: string, userId: string): Promise<HandoffTicket | undefined> {
    const id = this.openByUser.get(`${channel}:${userId}`);
    return id ? this.get(id) : undefined;
  }

  async list(view: HandoffView, limit = 500): Promise<HandoffTicket[]> {
    const all = [...this.tickets.values()];
    let chosen: HandoffTicket[];
    if (view === 'waiting') {
      chosen = all
        .filter((t) => t.status === 'waiting')
        .sort((a, b) => RANK[a.priority] - RANK[b.priority] || this.score(a) - this.score(b) || a.id.localeCompare(b.id));
    } else {
      // Open tickets oldest first; `all` newest first, so the limit cuts old history, not today's tickets.
      const sign = view === 'all' ? -1 : 1;
      chosen = all.filter((t) => view === 'all' || isOpen(t.status)).sort((a, b) => sign * (a.createdAt - b.createdAt || a.id.localeCompare(b.id)));
    }
    return chosen.slice(0, limit).map((t) => structuredClone(t));
  }

  async claim(id: string, caseworker: string, o: AssignOptions): Promise<HandoffResultCode> {
    const t = this.tickets.get(id);
    if (!t) return HandoffResult.notFound;
    if (!o.from.includes(t.status)) return HandoffResult.wrongStatus;
    if (this.loadOf(caseworker) >= o.capacity) return HandoffResult.atCapacity;
    this.recordWait(t, o.now);
    this.assign(t, caseworker, 'assigned', o);
    this.emit(id);
    return HandoffResult.ok;
  }

  async transfer(id: string, from: string | undefined, to: string, o: AssignOptions): Promise<HandoffResultCode> {
    const t = this.tickets.get(id);
    if (!t) return HandoffResult.notFound;
    if (!o.from.includes(t.status)) return HandoffResult.wrongStatus;
    if (from !== undefined && t.assignee !== from) return HandoffResult.notAssignee;
    if (t.assignee !== to && this.loadOf(to) >= o.capacity) return HandoffResult.atCapacity;
    if (t.status === 'waiting') this.recordWait(t, o.now);
    this.assign(t, to, 'transferred', o);
    this.emit(id);
    return HandoffResult.ok;
  }

  async release(id: string, caseworker: string | undefined, o: Pick<AssignOptions, 'now' | 'from'>): Promise<HandoffResultCode> {
    const t = this.tickets.get(id);
    if (!t) return HandoffResult.notFound;
    if (!o.from.includes(t.status)) return HandoffResult.wrongStatus;
    if (caseworker !== undefined && t.assignee !== caseworker) return HandoffResult.notAssignee;
    this.requeue(t, o.now);
    this.emit(id);
    return HandoffResult.ok;
  }

  async finish(
    id: string,
    caseworker: string | undefined,
    end: { status: 'closed' | 'cancelled'; outcome: HandoffOutcome },
    o: Pick<AssignOptions, 'now' | 'from'>,
  ): Promise<HandoffResultCode> {
    const t = this.tickets.get(id);
    if (!t) return HandoffResult.notFound;
    if (!o.from.includes(t.status)) return HandoffResult.wrongStatus;
    if (caseworker !== undefined && t.assignee !== caseworker) return HandoffResult.notAssignee;
    this.scores.delete(id);
    this.leases.delete(id);
    delete t.awaitingReplySince;
    t.status = end.status;
    t.outcome = end.outcome;
    t.closedAt = o.now;
    this.openByUser.delete(`${t.channel}:${t.userId}`);
    this.count(end.status === 'closed' ? `closed:${end.outcome}` : 'cancelled');
    this.emit(id);
    return HandoffResult.ok;
  }

  async renewLeases(caseworker: string, now: number, leaseMs: number): Promise<number> {
    let renewed = 0;
    for (const t of this.tickets.values()) {
      if (t.assignee === caseworker && isAssigned(t.status)) {
        this.leases.set(t.id, now + leaseMs);
        renewed++;
      }
    }
    return renewed;
  }

  async requeueExpired(now: number, silentMs: number): Promise<string[]> {
    const requeued: string[] = [];
    // Oldest deadline last, so the ticket that lost its caseworker first ends up in front.
    const expired = [...this.tickets.values()]
      .filter((t) => isAssigned(t.status))
      .map((t) => ({ t, deadline: Math.min(this.leases.get(t.id) ?? Infinity, t.awaitingReplySince === undefined ? Infinity : t.awaitingReplySince + silentMs) }))
      .filter((e) => e.deadline <= now)
      .sort((a, b) => b.deadline - a.deadline);
    for (const { t } of expired) {
      this.requeue(t, now);
      requeued.push(t.id);
      this.emit(t.id);
    }
    return requeued.reverse();
  }

  async append(id: string, entry: TranscriptEntry, windowClosesAt?: number): Promise<boolean> {
    const t = this.tickets.get(id);
    if (!t) return false;
    const list = this.transcripts.get(id) ?? [];
    if (entry.turn !== undefined && list.slice(-TRANSCRIPT_TURN_WINDOW).some((seen) => seen.turn === entry.turn)) return true;
    list.push(structuredClone(entry));
    this.transcripts.set(id, list);
    if (entry.from === 'user') {
      t.lastUserMessageAt = entry.at;
      if (isAssigned(t.status) && t.awaitingReplySince === undefined) t.awaitingReplySince = entry.at;
      if (entry.media) t.media = [...t.media, entry.media].slice(-MAX_MEDIA);
    } else if (entry.from === 'caseworker' && entry.delivery === 'sent') {
      t.lastCaseworkerReplyAt = entry.at;
      delete t.awaitingReplySince;
    }
    if (windowClosesAt !== undefined) t.windowClosesAt = windowClosesAt;
    this.emit(id);
    return true;
  }

  async transcript(id: string, limit = 500): Promise<TranscriptEntry[]> {
    return structuredClone((this.transcripts.get(id) ?? []).slice(-limit));
  }

  async markReminderSent(id: string, windowClosesAt: number): Promise<boolean> {
    const t = this.tickets.get(id);
    if (!t || t.reminderSentFor === windowClosesAt) return false;
    t.reminderSentFor = windowClosesAt;
    return true;
  }

  async markPlaceTold(id: string, told: { place: number; at: number; since: number }, previousAt: number | undefined): Promise<boolean> {
    const t = this.tickets.get(id);
    if (!t || t.status !== 'waiting' || t.waitingSince !== told.since) return false;
    const last = t.placeTold?.since === told.since ? t.placeTold : undefined;
    if (last?.at !== previousAt) return false;
    t.placeTold = { ...told };
    return true;
  }

  async markDelivered(id: string, sendKey: string, delivery: 'sent' | 'failed', at: number): Promise<boolean> {
    const t = this.tickets.get(id);
    const entry = t && [...(this.transcripts.get(id) ?? [])].reverse().find((e) => e.sendKey === sendKey);
    if (!t || !entry || entry.delivery !== 'held') return false;
    entry.delivery = delivery;
    if (delivery === 'sent') {
      entry.deliveredAt = at;
      t.lastCaseworkerReplyAt = Math.max(t.lastCaseworkerReplyAt ?? entry.at, entry.at);
      if (isAssigned(t.status)) {
        // A user message written after the held reply still owes an answer, from that message on.
        if (t.lastUserMessageAt !== undefined && t.lastUserMessageAt > entry.at) t.awaitingReplySince = t.lastUserMessageAt;
        else delete t.awaitingReplySince;
      }
    }
    this.emit(id);
    return true;
  }

  async loads(): Promise<Record<string, number>> {
    const loads: Record<string, number> = {};
    for (const t of this.tickets.values()) if (t.assignee && isAssigned(t.status)) loads[t.assignee] = (loads[t.assignee] ?? 0) + 1;
    return loads;
  }

  async markPresent(caseworker: string, until: number): Promise<void> {
    this.presence.set(caseworker, until);
  }

  async present(now: number): Promise<string[]> {
    return [...this.presence].filter(([, until]) => until > now).map(([who]) => who).sort();
  }

  async recentWaits(priority: HandoffPriority): Promise<number[]> {
    return [...this.waits[priority]];
  }

  async counts(): Promise<HandoffCounts> {
    return Object.fromEntries(this.stats);
  }

  async eraseUser(channel: string, userId: string): Promise<number> {
    let erased = 0;
    for (const t of [...this.tickets.values()]) {
      if (t.channel !== channel || t.userId !== userId) continue;
      this.forgetTicket(t.id);
      erased++;
      this.emit(t.id);
    }
    this.openByUser.delete(`${channel}:${userId}`);
    if (erased > 0) this.count('erased', erased);
    return erased;
  }

  async moveUser(channel: string, oldUserId: string, newUserId: string): Promise<number> {
    if (oldUserId === newUserId) return 0;
    let moved = 0;
    for (const t of this.tickets.values()) {
      if (t.channel !== channel || t.userId !== oldUserId) continue;
      t.userId = newUserId;
      if (t.conversationId === oldUserId) t.conversationId = newUserId;
      moved++;
      this.emit(t.id);
    }
    const open = this.openByUser.get(`${channel}:${oldUserId}`);
    if (open !== undefined && !this.openByUser.has(`${channel}:${newUserId}`)) this.openByUser.set(`${channel}:${newUserId}`, open);
    this.openByUser.delete(`${channel}:${oldUserId}`);
    return moved;
  }

  async purgeEnded(before: number): Promise<number> {
    let purged = 0;
    for (const t of [...this.tickets.values()]) {
      if (isOpen(t.status) || (t.closedAt ?? 0) >= before) continue;
      this.forgetTicket(t.id);
      purged++;
    }
    return purged;
  }

  subscribe(listener: (ticketId: string) => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }

  private assign(t: HandoffTicket, caseworker: string, status: HandoffStatus, o: AssignOptions): void {
    this.scores.delete(t.id);
    t.status = status;
    t.assignee = caseworker;
    t.assignedAt = o.now;
    t.awaitingReplySince = o.now;
    this.leases.set(t.id, o.now + o.leaseMs);
  }

  /** Back to waiting, in front of every ticket of its priority. */
  private requeue(t: HandoffTicket, now: number): void {
    this.leases.delete(t.id);
    const front = Math.min(now, ...[...this.tickets.values()].filter((o) => o.status === 'waiting' && o.priority === t.priority).map((o) => this.score(o)));
    this.scores.set(t.id, front - 1);
    t.status = 'waiting';
    delete t.assignee;
    delete t.assignedAt;
    delete t.awaitingReplySince;
    t.waitingSince = now;
    t.requeues += 1;
  }

  private recordWait(t: HandoffTicket, now: number): void {
    const list = this.waits[t.priority];
    list.unshift(Math.max(0, now - t.waitingSince));
    list.length = Math.min(list.length, MAX_WAITS);
  }

  private loadOf(caseworker: string): number {
    let n = 0;
    for (const t of this.tickets.values()) if (t.assignee === caseworker && isAssigned(t.status)) n++;
    return n;
  }

  private score(t: HandoffTicket): number {
    return this.scores.get(t.id) ?? t.waitingSince;
  }

  private forgetTicket(id: string): void {
    this.tickets.delete(id);
    this.scores.delete(id);
    this.leases.delete(id);
    this.transcripts.delete(id);
  }

  private count(counter: string, by = 1): void {
    this.stats.set(counter, (this.stats.get(counter) ?? 0) + by);
  }

  private emit(id: string): void {
    this.events.emit('change', id);
  }
}

function isOpen(status: HandoffStatus): boolean {
  return status === 'waiting' || status === 'assigned' || status === 'transferred';
}

function isAssigned(status: HandoffStatus): boolean {
  return status === 'assigned' || status === 'transferred';
}
