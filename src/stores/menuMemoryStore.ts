/** How long a numbered menu stays answerable, in seconds: one day. */
export const MENU_MEMORY_TTL_SECONDS = 24 * 3600;

/**
 * Storage of the last numbered text menu sent to each WhatsApp user (the values of its items, in
 * order), so a later "2" can be turned back into the value of item 2. A new menu replaces the old
 * one; menus expire after their TTL. Implemented in memory and in Redis (same contract).
 */
export interface MenuMemoryStore {
  /** Stores `values` as the user's current menu (replacing any earlier one) for the store's TTL. */
  save(waId: string, values: readonly string[]): Promise<void>;
  /** The user's current menu, or undefined when none was sent or it expired. */
  load(waId: string): Promise<string[] | undefined>;
}
