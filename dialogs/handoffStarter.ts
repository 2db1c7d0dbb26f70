import type { TurnContext } from 'botbuilder';
import type { HandoffPriority, HandoffReason, MediaReference } from '../src/domain/handoff/handoffTicket.js';
import type { Language } from '../src/i18n/languages.js';

/** What a dialog asks for when the user needs a person. */
export interface HandoffStartRequest {
  readonly reason: HandoffReason;
  readonly priority: HandoffPriority;
  readonly lang: Language;
  readonly media?: readonly MediaReference[];
  /** Topics asked so far, for the caseworker (FAQ ids, short). */
  readonly summary?: readonly string[];
}

/**
 * Opens (or joins, raising its priority) a caseworker handoff for the user of this turn and tells the user where
 * they stand. Implemented by the bot layer (src/bot/handoff/handoffDesk.ts).
 */
export interface HandoffStarter {
  start(context: TurnContext, request: HandoffStartRequest): Promise<void>;
}
