import type { HandoffStatus } from '../../stores/handoffStore.js';

/** A transition of the handoff state machine: the statuses it may start from, and where it leads. */
export interface HandoffTransition {
  readonly from: readonly HandoffStatus[];
  readonly to: HandoffStatus;
}

/**
 * The handoff state machine (helpdesk terms): `bot → waiting → assigned → (transferred) → closed → bot`, plus
 * `cancelled` when the user goes back to the bot. Every store change is given `from` from this table and checks
 * it inside its atomic step (one Lua script on Redis), so two caseworkers can never both win a transition.
 */
export const HANDOFF_TRANSITIONS = {
  /** A caseworker takes a waiting ticket. */
  claim: { from: ['waiting'], to: 'assigned' },
  /** The assignee (or an admin) hands the ticket to a named caseworker. */
  transfer: { from: ['assigned', 'transferred'], to: 'transferred' },
  /** The assignee gives it back: front of its priority. */
  release: { from: ['assigned', 'transferred'], to: 'waiting' },
  /** Lease lost (console gone) or the caseworker stayed silent too long: front of its priority. */
  requeue: { from: ['assigned', 'transferred'], to: 'waiting' },
  /** The assignee ends the conversation with an outcome; the bot takes over again. */
  close: { from: ['assigned', 'transferred'], to: 'closed' },
  /** The user goes back to the bot (or erases their data) before the end. */
  cancel: { from: ['waiting', 'assigned', 'transferred'], to: 'cancelled' },
} as const satisfies Record<string, HandoffTransition>;

/** Name of a transition. */
export type HandoffTransitionName = keyof typeof HANDOFF_TRANSITIONS;

/** Statuses in which the ticket is open (the bot stays quiet). */
export const OPEN_STATUSES = ['waiting', 'assigned', 'transferred'] as const satisfies readonly HandoffStatus[];

/** Whether `transition` may start from `status`. */
export function canTransition(transition: HandoffTransitionName, status: HandoffStatus): boolean {
  return (HANDOFF_TRANSITIONS[transition].from as readonly HandoffStatus[]).includes(status);
}

/** Whether a ticket in `status` is still open. */
export function isOpenStatus(status: HandoffStatus): boolean {
  return (OPEN_STATUSES as readonly HandoffStatus[]).includes(status);
}
