import type { HandoffStatus } from '../handoffStore.js';

// The domain's state table (domain/handoff/handoffStates.ts) says the same; a store may not import the domain.

/** Whether a ticket in `status` is still open: waiting, or with a caseworker. */
export function isOpen(status: HandoffStatus): boolean {
  return status === 'waiting' || status === 'assigned' || status === 'transferred';
}

/** Whether a ticket in `status` is with a caseworker (it counts in their load and holds a lease). */
export function isAssigned(status: HandoffStatus): boolean {
  return status === 'assigned' || status === 'transferred';
}
