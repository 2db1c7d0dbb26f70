import type { HandoffPriority, HandoffTicket } from '../handoffStore.js';

const RANK: Record<HandoffPriority, number> = { urgent: 0, vulnerable: 1, normal: 2 };

/** Whether priority `a` is more urgent than `b` (urgent > vulnerable > normal). */
export function moreUrgent(a: HandoffPriority, b: HandoffPriority): boolean {
  return RANK[a] < RANK[b];
}

/**
 * The embedded handoff store's waiting line: a queue score per waiting ticket (lower first), its arrival
 * time, or in front of its priority when it was requeued. Serving order is priority first, then score.
 */
export class MemoryWaitingLine {
  private readonly scores = new Map<string, number>();

  /** A new ticket joins at the back of its priority. */
  join(t: HandoffTicket): void {
    this.scores.set(t.id, t.waitingSince);
  }

  /** A requeued ticket joins in front of every waiting ticket of its priority among `tickets` (score below `now`). */
  joinFront(t: HandoffTicket, tickets: Iterable<HandoffTicket>, now: number): void {
    const front = Math.min(now, ...[...tickets].filter((o) => o.status === 'waiting' && o.priority === t.priority).map((o) => this.score(o)));
    this.scores.set(t.id, front - 1);
  }

  /** The ticket left the line (taken, ended or erased). */
  leave(id: string): void {
    this.scores.delete(id);
  }

  /** The waiting ones of `tickets`, in serving order: priority, then score, then id. */
  waitingInOrder(tickets: Iterable<HandoffTicket>): HandoffTicket[] {
    return [...tickets].filter((t) => t.status === 'waiting').sort((a, b) => RANK[a.priority] - RANK[b.priority] || this.score(a) - this.score(b) || a.id.localeCompare(b.id));
  }

  private score(t: HandoffTicket): number {
    return this.scores.get(t.id) ?? t.waitingSince;
  }
}
