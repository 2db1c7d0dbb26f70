import { PRIORITIES, type HandoffPriority, type HandoffTicket } from '../../stores/handoffStore.js';

/** Waiting tickets per priority, and the oldest wait of each, in ms. */
export type WaitingSummary = Record<HandoffPriority, { waiting: number; longestWaitMs: number }>;

/** Counts `waiting` tickets per priority (every priority present, zero when none) and their longest wait at `now`. */
export function summarizeWaiting(waiting: readonly HandoffTicket[], now: number): WaitingSummary {
  const result = Object.fromEntries(PRIORITIES.map((p) => [p, { waiting: 0, longestWaitMs: 0 }])) as WaitingSummary;
  for (const t of waiting) {
    const entry = result[t.priority];
    entry.waiting += 1;
    entry.longestWaitMs = Math.max(entry.longestWaitMs, now - t.waitingSince);
  }
  return result;
}
