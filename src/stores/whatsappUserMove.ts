/**
 * Contract of moving everything kept about a WhatsApp user to a new id when WhatsApp says the user changed
 * number (or business-scoped user id): bot state (conversation and user state items), the contact record
 * (24-hour window, last outbound message) and the pending numbered menu.
 */

/** The records of one user: their WhatsApp id and the bot state keys built from it. */
export interface WhatsAppUserRecords {
  /** Phone number or BSUID: the key of the contact record and the menu memory. */
  readonly waId: string;
  /** botbuilder state keys (e.g. `whatsapp/conversations/<id>`, `whatsapp/users/<id>`), in the same order for both sides. */
  readonly stateKeys: readonly string[];
}

/**
 * Moves a user's records from one id to another in one atomic step (a Lua script on Redis; one synchronous
 * step in memory), keeping each record's remaining lifetime. A record the new id already has wins (the user
 * already wrote from the new number) and the old one is dropped. Afterwards nothing is left under the old id.
 * Moving twice, or moving a user with no records, is harmless.
 */
export interface WhatsAppUserMove {
  move(from: WhatsAppUserRecords, to: WhatsAppUserRecords): Promise<void>;
}

/** Throws when the two sides do not name the same kinds of records. */
export function assertSameShape(from: WhatsAppUserRecords, to: WhatsAppUserRecords): void {
  if (from.stateKeys.length !== to.stateKeys.length) {
    throw new Error(`WhatsApp user move needs as many state keys on both sides (${from.stateKeys.length} ≠ ${to.stateKeys.length})`);
  }
}
