import type { HandoffCounts, HandoffPriority } from '../handoffStore.js';

const MAX_WAITS = 50;

/**
 * The embedded handoff store's statistics: anonymous counters (kept after "delete my data") and, per priority,
 * the most recent waits before a caseworker took a ticket, newest first, behind the queue's wait estimates.
 */
export class MemoryHandoffStats {
  private readonly counters = new Map<string, number>();
  private readonly waits: Record<HandoffPriority, number[]> = { urgent: [], vulnerable: [], normal: [] };

  /** Adds `by` to `counter`. */
  count(counter: string, by = 1): void {
    this.counters.set(counter, (this.counters.get(counter) ?? 0) + by);
  }

  /** Every counter. */
  counts(): HandoffCounts {
    return Object.fromEntries(this.counters);
  }

  /** Records how long a ticket of `priority` waited, in ms (never below 0); keeps the last 50. */
  recordWait(priority: HandoffPriority, waitedMs: number): void {
    const list = this.waits[priority];
    list.unshift(Math.max(0, waitedMs));
    list.length = Math.min(list.length, MAX_WAITS);
  }

  /** The recent waits of `priority`, newest first (a copy). */
  recentWaits(priority: HandoffPriority): number[] {
    return [...this.waits[priority]];
  }
}
