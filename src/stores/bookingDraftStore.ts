import type { PreRegistration } from './appointmentStore.js';

/** The personal answers of a booking not yet confirmed (first name, nationality, phone, pre-registration). */
export interface DraftDetails {
  firstName?: string;
  nationality?: string;
  phone?: string;
  pre: PreRegistration;
}

/**
 * Where the booking flow keeps a person's answers until they confirm, instead of the conversation state (which
 * lives for STATE_TTL_SECONDS): each entry expires with the seat's hold (`holdMinutes` in the points file), so a
 * flow left unfinished leaves nothing behind even when the person never writes again.
 */
export interface BookingDraftStore {
  /** Keeps (replaces) the person's draft answers until `expiresAt` (epoch ms). */
  keep(personKey: string, details: DraftDetails, expiresAt: number): Promise<void>;
  /** The person's draft answers, unless they expired or were forgotten. */
  get(personKey: string): Promise<DraftDetails | undefined>;
  /** Erases the person's draft answers (flow left, booking confirmed, "delete my data"). */
  forget(personKey: string): Promise<void>;
}
