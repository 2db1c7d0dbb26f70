import type { HandoffTicket } from '../../stores/handoffStore.js';

/** Where a waiting ticket stands. */
export interface QueuePosition {
  /** 1 = next to be served. */
  readonly place: number;
  /** Realistic remaining wait in ms, undefined when there is no recent history. */
  readonly estimatedWaitMs: number | undefined;
}

const RANK = { urgent: 0, vulnerable: 1, normal: 2 } as const;

/**
 * Serving order of waiting tickets: priority first (urgent > vulnerable > normal); inside a priority, WhatsApp
 * tickets whose 24-hour window closes within `windowSoonMs` go first (soonest closing first), then the store's
 * order (first come first served, requeued tickets in front). `waiting` must be in store order.
 */
export function orderWaiting(waiting: readonly HandoffTicket[], now: number, windowSoonMs: number): HandoffTicket[] {
  const closingSoon = (t: HandoffTicket) => t.windowClosesAt !== undefined && t.windowClosesAt > now && t.windowClosesAt - now <= windowSoonMs;
  return waiting
    .map((t, index) => ({ t, index, soon: closingSoon(t) }))
    .sort((a, b) => {
      const byRank = RANK[a.t.priority] - RANK[b.t.priority];
      if (byRank !== 0) return byRank;
      if (a.soon !== b.soon) return a.soon ? -1 : 1;
      if (a.soon && b.soon) return a.t.windowClosesAt! - b.t.windowClosesAt!;
      return a.index - b.index;
    })
    .map((e) => e.t);
}

/**
 * A realistic wait still ahead, in ms, from recent waits of the ticket's priority (newest first): the median of
 * the last 20, minus what the ticket has already waited, at least one minute. Undefined without history.
 */
export function estimateWait(recentWaits: readonly number[], waitedMs: number): number | undefined {
  const sample = recentWaits.slice(0, 20).sort((a, b) => a - b);
  if (sample.length === 0) return undefined;
  const mid = Math.floor(sample.length / 2);
  const median = sample.length % 2 ? sample[mid]! : (sample[mid - 1]! + sample[mid]!) / 2;
  return Math.max(60_000, median - waitedMs);
}
