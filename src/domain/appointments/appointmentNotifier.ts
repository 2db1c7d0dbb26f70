import type { Language } from '../../i18n/languages.js';
import type { BookingContact } from '../../stores/appointmentStore.js';

/** A message about an appointment, sent to the person on their own channel (reminders, staff cancellations). */
export interface AppointmentNotice {
  readonly lang: Language;
  readonly text: string;
  /** One-tap choices, with stable values (`appt:confirm:<ref>`…). */
  readonly buttons: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /**
   * Body parameters of the WhatsApp reminder template, used when the 24-hour window is closed
   * (date, time, point, reference); absent for messages that have no template.
   */
  readonly templateParams?: readonly string[];
  /** Which approved WhatsApp template fits, outside the window: a reminder (default) or a staff cancellation. */
  readonly templateKind?: 'reminder' | 'cancellation';
}

/** What happened to a notice. */
export type NoticeOutcome =
  | 'sent'
  /** Kept by the channel for later (WhatsApp window closed and no template): staff see it in the held outbox. */
  | 'held'
  /** The channel cannot reach the person any more (web chat conversation expired, channel not enabled). */
  | 'unreachable';

/**
 * The narrow way appointments reach people proactively; channels implement it (the domain never imports them).
 * `idempotencyKey` is the same for every attempt at one notice, so a channel that de-duplicates sends it once.
 */
export interface AppointmentNotifier {
  notify(contact: BookingContact, notice: AppointmentNotice, idempotencyKey: string): Promise<NoticeOutcome>;
}
