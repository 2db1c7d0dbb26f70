import { HandoffResult, type HandoffResultCode } from '../../stores/handoffStore.js';

/** Base of the handoff queue's refusals: carries the ticket id, never personal data. */
export class HandoffError extends Error {
  constructor(
    message: string,
    readonly ticketId: string,
    /** HTTP status the console answers with. */
    readonly status: number,
    /** Stable code for the console (`taken`, `at_capacity`, `not_found`, `not_assignee`). */
    readonly code: string,
  ) {
    super(message);
    this.name = 'HandoffError';
  }
}

/** The ticket is not in a status that allows this (typically: another caseworker claimed it first). → 409 */
export class HandoffConflictError extends HandoffError {
  constructor(ticketId: string, action: string) {
    super(`Handoff ${ticketId}: cannot ${action}, the ticket was already taken or has changed`, ticketId, 409, 'taken');
    this.name = 'HandoffConflictError';
  }
}

/** The caseworker already holds as many open tickets as their capacity allows. → 409 */
export class HandoffCapacityError extends HandoffError {
  constructor(ticketId: string, caseworker: string, capacity: number) {
    super(`Handoff ${ticketId}: ${caseworker} already holds ${capacity} open tickets (capacity)`, ticketId, 409, 'at_capacity');
    this.name = 'HandoffCapacityError';
  }
}

/** No such ticket (never existed, erased, or past its lifetime). → 404 */
export class HandoffNotFoundError extends HandoffError {
  constructor(ticketId: string) {
    super(`Handoff ${ticketId} does not exist`, ticketId, 404, 'not_found');
    this.name = 'HandoffNotFoundError';
  }
}

/** Only the ticket's assignee (or an admin) may do this. → 403 */
export class HandoffNotAssigneeError extends HandoffError {
  constructor(ticketId: string, action: string) {
    super(`Handoff ${ticketId}: only its assignee may ${action}`, ticketId, 403, 'not_assignee');
    this.name = 'HandoffNotAssigneeError';
  }
}

/**
 * Turns a store step's result code into the queue's refusal: returns on `ok`, else throws the matching
 * {@link HandoffError}. `caseworker` and `capacity` name the full caseworker of an `atCapacity` refusal.
 */
export function throwUnlessOk(code: HandoffResultCode, id: string, action: string, caseworker: string | undefined, capacity: number): void {
  switch (code) {
    case HandoffResult.ok:
      return;
    case HandoffResult.notFound:
      throw new HandoffNotFoundError(id);
    case HandoffResult.wrongStatus:
      throw new HandoffConflictError(id, action);
    case HandoffResult.atCapacity:
      throw new HandoffCapacityError(id, caseworker ?? '?', capacity);
    case HandoffResult.notAssignee:
      throw new HandoffNotAssigneeError(id, action);
  }
}
