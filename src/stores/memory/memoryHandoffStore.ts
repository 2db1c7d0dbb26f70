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
} from '../handoffStore.js';
import { isAssigned, isOpen } from './handoffStatusChecks.js';
import { MemoryHandoffStats } from './memoryHandoffStats.js';
import { MemoryHandoffTranscripts } from './memoryHandoffTranscripts.js';
import { MemoryWaitingLine, moreUrgent } from './memoryWaitingLine.js';

/**
 * In-process {@link HandoffStore} (embedded store, no REDIS_URL): the same rules as the Redis scripts, in one
 * process (JavaScript runs each method without interleaving between its awaits-free steps).
 */
export class MemoryHandoffStore implements HandoffStore {
  private readonly tickets = new Map<string, HandoffTicket>();
  private readonly line = new MemoryWaitingLine();
  private readonly leases = new Map<string, number>();
  private readonly transcripts = new MemoryHandoffTranscripts();
  private readonly openByUser = new Map<string, string>();
  private readonly stats = new MemoryHandoffStats();
  private readonly presence = new Map<string, number>();
  private readonly events = new EventEmitter().setMaxListeners(0);

  async open(ticket: HandoffTicket): Promise<{ ticket: HandoffTicket; created: boolean }> {
    const userKey = `${ticket.channel}:${ticket.userId}`;
    const existingId = this.openByUser.get(userKey);
    const existing = existingId ? this.tickets.get(existingId) : undefined;
    if (existing) {
      if (moreUrgent(ticket.priority, existing.priority)) existing.priority = ticket.priority;
      for (const r of ticket.reasons) if (!existing.reasons.includes(r)) existing.reasons.push(r);
      this.emit(existing.id);
      return { ticket: structuredClone(existing), created: false };
    }
    const stored = structuredClone(ticket);
    stored.status = 'waiting';
    this.tickets.set(stored.id, stored);
    this.line.join(stored);
    this.openByUser.set(userKey, stored.id);
    this.stats.count(`opened:${stored.priority}`);
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
    // Open tickets oldest first; `all` newest first, so the limit cuts old history, not today's tickets.
    const sign = view === 'all' ? -1 : 1;
    const chosen =
      view === 'waiting'
        ? this.line.waitingInOrder(all)
        : all.filter((t) => view === 'all' || isOpen(t.status)).sort((a, b) => sign * (a.createdAt - b.createdAt || a.id.localeCompare(b.id)));
    return chosen.slice(0, limit).map((t) => structuredClone(t));
  }

  async claim(id: string, caseworker: string, o: AssignOptions): Promise<HandoffResultCode> {
    const t = this.tickets.get(id);
    if (!t) return HandoffResult.notFound;
    if (!o.from.includes(t.status)) return HandoffResult.wrongStatus;
    if (this.loadOf(caseworker) >= o.capacity) return HandoffResult.atCapacity;
    this.stats.recordWait(t.priority, o.now - t.waitingSince);
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
    if (t.status === 'waiting') this.stats.recordWait(t.priority, o.now - t.waitingSince);
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
    this.line.leave(id);
    this.leases.delete(id);
    delete t.awaitingReplySince;
    t.status = end.status;
    t.outcome = end.outcome;
    t.closedAt = o.now;
    this.openByUser.delete(`${t.channel}:${t.userId}`);
    this.stats.count(end.status === 'closed' ? `closed:${end.outcome}` : 'cancelled');
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
    // A line of a re-run turn is already there: nothing changed, nothing to signal.
    if (this.transcripts.append(t, entry, windowClosesAt)) this.emit(id);
    return true;
  }

  async transcript(id: string, limit = 500): Promise<TranscriptEntry[]> {
    return this.transcripts.list(id, limit);
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
    if (!t || !this.transcripts.markDelivered(t, sendKey, delivery, at)) return false;
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
    return this.stats.recentWaits(priority);
  }

  async counts(): Promise<HandoffCounts> {
    return this.stats.counts();
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
    if (erased > 0) this.stats.count('erased', erased);
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
    this.line.leave(t.id);
    t.status = status;
    t.assignee = caseworker;
    t.assignedAt = o.now;
    t.awaitingReplySince = o.now;
    this.leases.set(t.id, o.now + o.leaseMs);
  }

  /** Back to waiting, in front of every ticket of its priority. */
  private requeue(t: HandoffTicket, now: number): void {
    this.leases.delete(t.id);
    this.line.joinFront(t, this.tickets.values(), now);
    t.status = 'waiting';
    delete t.assignee;
    delete t.assignedAt;
    delete t.awaitingReplySince;
    t.waitingSince = now;
    t.requeues += 1;
  }

  private loadOf(caseworker: string): number {
    let n = 0;
    for (const t of this.tickets.values()) if (t.assignee === caseworker && isAssigned(t.status)) n++;
    return n;
  }

  private forgetTicket(id: string): void {
    this.tickets.delete(id);
    this.line.leave(id);
    this.leases.delete(id);
    this.transcripts.forget(id);
  }

  private emit(id: string): void {
    this.events.emit('change', id);
  }
}
