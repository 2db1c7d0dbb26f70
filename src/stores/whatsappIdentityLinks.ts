/**
 * Contract of the links between a WhatsApp user's two ids: the phone number (`wa_id`) and the business-scoped
 * user id (BSUID). A conversation is keyed by the first id it was seen with; when a message names both, the other
 * id is linked to that key, so a later message that carries only the other id (a user who adopted a username, or
 * one whose number shows again) continues the same conversation. Memory and Redis share one contract suite.
 */
export interface WhatsAppIdentityLinks {
  /** Links `alias` to the conversation key `canonical` (renewing the link's lifetime). Linking an id to itself does nothing. */
  link(alias: string, canonical: string): Promise<void>;
  /** The conversation key `id` is linked to (renewing the link's lifetime), or undefined. */
  resolve(id: string): Promise<string | undefined>;
  /** Every alias linked to `canonical`. */
  aliasesOf(canonical: string): Promise<string[]>;
  /** Removes the link of `alias` (e.g. the old number after a number change). */
  unlink(alias: string): Promise<void>;
  /** "Delete my data": removes every link to `canonical`. */
  forget(canonical: string): Promise<void>;
  /**
   * A number change of the user keyed by `oldId`: their aliases now point to `newId` (an alias equal to `newId`
   * is dropped). Idempotent; on Redis each step touches one id's keys.
   */
  move(oldId: string, newId: string): Promise<void>;
}

/** Default lifetime of a link, renewed on each use: as long as an idle conversation's state (30 days). */
export const DEFAULT_LINK_TTL_SECONDS = 30 * 24 * 3600;
