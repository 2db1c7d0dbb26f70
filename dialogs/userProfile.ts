import type { Language } from '../src/i18n/languages.js';

/** What the assistant remembers about a user (user state; expires with the idle TTL). */
export interface UserProfile {
  /** Language of the replies; follows the user's messages and explicit choices. */
  language?: Language;
  /** True once the welcome and privacy notice were shown. */
  welcomed?: boolean;
}

/** Conversation-scoped memory outside the dialog stack. */
export interface ConversationMemory {
  /** The question behind the last "did you mean…", recorded as unanswered if the user picks "something else". */
  pendingQuestion?: { text: string; lang: Language };
  /** Media the user sent (voice notes, pictures…), newest last, kept for the caseworker who takes over. */
  media?: Array<{ kind: string; mediaId: string; at: number }>;
  /** Titles of the FAQ answers given in this conversation, newest last (a summary for the caseworker). */
  topics?: string[];
  /** Messages in a row the assistant did not understand; the second one hands the user to a person. */
  unsureInARow?: number;
}

/** How many media references a conversation keeps. */
export const MAX_KEPT_MEDIA = 20;

/** turnState key holding the language of the current turn, read by the error handler to apologise. */
export const TURN_LANGUAGE = Symbol.for('tdu.turnLanguage');
