/**
 * Contract of moving the records kept under a WhatsApp user's own id (bot state, contact record, numbered
 * menu) to a new id when WhatsApp says the user changed number (or business-scoped user id), and of the marker
 * that says such a move is under way. Shared records that only name the user (tickets, bookings, outbox and
 * dead letters) are moved by their own stores; the channel runs every step (whatsappNumberChange.ts).
 */

/** The records of one user: their WhatsApp id and the bot state keys built from it. */
export interface WhatsAppUserRecords {
  /** Phone number or BSUID: the key of the contact record and the menu memory. */
  readonly waId: string;
  /** botbuilder state keys (e.g. `whatsapp/conversations/<id>`, `whatsapp/users/<id>`), in the same order for both sides. */
  readonly stateKeys: readonly string[];
}

/**
 * Moves a user's own records from one id to another, keeping each record's remaining lifetime. Each record
 * moves on its own (on Redis every id is its own hash tag, so the two ids live on different Cluster slots):
 * copied to the new id, then deleted under the old one. A record the new id already has wins (the user already
 * wrote from the new number) and the old one is dropped. Moving twice, moving a user with no records, and
 * running a move again after a crash part-way are all harmless and end with nothing under the old id.
 *
 * The marker ({@link begin} … {@link end}) names a move under way, so a later message from the old id finishes
 * it first (the number may be given to someone else, who must not inherit the conversation).
 */
export interface WhatsAppUserMove {
  move(from: WhatsAppUserRecords, to: WhatsAppUserRecords): Promise<void>;
  /** Records that `oldId` is being moved to `newId` (kept at most the marker lifetime). */
  begin(oldId: string, newId: string): Promise<void>;
  /** The id a move under way from `oldId` goes to, or undefined. */
  pendingTarget(oldId: string): Promise<string | undefined>;
  /** Forgets the marker once every step is done. */
  end(oldId: string): Promise<void>;
}

/** Default lifetime of a move marker: a week, longer than any retry of the notice that started it. */
export const DEFAULT_MOVE_MARKER_TTL_SECONDS = 7 * 24 * 3600;

/** Throws when the two sides do not name the same kinds of records. */
export function assertSameShape(from: WhatsAppUserRecords, to: WhatsAppUserRecords): void {
  if (from.stateKeys.length !== to.stateKeys.length) {
    throw new Error(`WhatsApp user move needs as many state keys on both sides (${from.stateKeys.length} ≠ ${to.stateKeys.length})`);
  }
}
