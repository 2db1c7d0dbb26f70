import type { MenuMemoryStore } from '../../stores/menuMemoryStore.js';

/**
 * Remembers the numbered text menu last sent to each WhatsApp user (used when a choice does not fit
 * reply buttons or a list), so the number the user answers can be turned back into the command value.
 */
export interface MenuMemory {
  /** Called when a numbered menu is sent: item `i + 1` stands for `values[i]`. Replaces any earlier menu. */
  remember(waId: string, values: readonly string[]): Promise<void>;
  /**
   * The value of the menu item the user's `text` picks ("2", " 2 ", "2.", "2)", "#2", "٢", "۲"),
   * or undefined when `text` is not a bare number, is out of range, or no menu is remembered.
   */
  resolve(waId: string, text: string): Promise<string | undefined>;
}

/** Longest trimmed answer that can still be a menu choice ("n° 12 )" with spaces). */
const MAX_CHOICE_LENGTH = 12;

// Arabic-Indic (U+0660…) and Extended Arabic-Indic / Persian (U+06F0…) digits, as phones in Morocco type them.
const DIGIT_BLOCKS = [0x0660, 0x06f0] as const;

/**
 * Parses a menu answer into a 1-based item number: optional spaces, `#` or `n°`, the number in Latin,
 * Arabic-Indic or Persian digits, then optional `.`, `)`, `-` or spaces. Anything else → undefined.
 */
export function parseMenuChoice(text: string): number | undefined {
  // A choice is a few characters; anything longer is not one. Trimming first also keeps the pattern
  // free of the `^\s*…\s*` pair that backtracks quadratically on a long run of spaces.
  const trimmed = text.trim();
  if (trimmed.length > MAX_CHOICE_LENGTH) return undefined;
  let latin = '';
  for (const ch of trimmed) {
    const code = ch.codePointAt(0) ?? 0;
    const block = DIGIT_BLOCKS.find((start) => code >= start && code <= start + 9);
    latin += block === undefined ? ch : String(code - block);
  }
  const match = /^(?:#|n°|no\.?|nº)?\s*(\d{1,3})\s*[.)\-،,]?$/iu.exec(latin);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n >= 1 ? n : undefined;
}

/** A {@link MenuMemory} over a store (memory or Redis, see src/stores). */
export function createMenuMemory(store: MenuMemoryStore): MenuMemory {
  return {
    remember: (waId, values) => store.save(waId, values),
    resolve: async (waId, text) => {
      const choice = parseMenuChoice(text);
      if (choice === undefined) return undefined;
      const values = await store.load(waId);
      return values?.[choice - 1];
    },
  };
}
