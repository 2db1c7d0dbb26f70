// What staff run: appointments and their reminder templates, the caseworker handoff queue and console
// Part of the one schema of the assistant's settings (config.ts); `.env.example` documents each variable.
import { z } from 'zod';
import { positiveInt, optionalString, bool } from './configFields.js';

/** What staff run (see config.ts). */
export const STAFF_SETTINGS = {
  // --- Appointments (issue 11) ---
  /** Orientation points file; default <LOCALES_DIR>/orientation-points.yaml. */
  ORIENTATION_POINTS_FILE: optionalString,
  /** How often this instance looks for due reminders, in ms, default 30 000 (several instances never send one twice). */
  APPOINTMENT_REMINDER_POLL_MS: positiveInt.default(30_000),
  /** Approved WhatsApp template for reminders when the 24-hour window is closed (body parameters: date, time, point, reference); unset: the reminder waits in the held outbox. */
  WHATSAPP_REMINDER_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  WHATSAPP_REMINDER_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),
  /** Approved WhatsApp template telling a person that staff cancelled their appointment, when the 24-hour window is closed (body parameters: date, time, point, reference; one quick-reply button to book again); unset: the message waits in the held outbox. */
  WHATSAPP_CANCELLATION_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  WHATSAPP_CANCELLATION_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),
  // --- Caseworker handoff and console (issue 10) ---
  /** Hand users to caseworkers ("talk to a person", emergencies, media); false keeps the "not possible yet" text. */
  HANDOFF_ENABLED: bool.default(true),
  /** A claim lasts this long unless the open console renews it, in ms, default 90 000. */
  HANDOFF_LEASE_MS: positiveInt.default(90_000),
  /** An assigned ticket whose caseworker has not answered for this long goes back to the queue, in ms, default 10 min. */
  HANDOFF_SILENT_MS: positiveInt.default(600_000),
  /** Open tickets one caseworker may hold, default 5. */
  HANDOFF_CAPACITY: positiveInt.default(5),
  /** Give waiting tickets to the least loaded caseworker with the console open (checked every 15 s), default false. */
  HANDOFF_AUTO_ASSIGN: bool.default(false),
  /** A WhatsApp ticket whose 24-hour window closes within this goes first in its priority, in ms, default 2 h. */
  HANDOFF_WINDOW_SOON_MS: positiveInt.default(2 * 3600_000),
  /** Ended tickets and their transcripts are erased this many days after closing, default 30. */
  HANDOFF_RETENTION_DAYS: positiveInt.default(30),
  /** Office hours, Africa/Casablanca time, e.g. `mon-thu 09:00-16:30; fri 09:00-12:00`; empty = always open. */
  HANDOFF_OFFICE_HOURS: z.string().default('mon-fri 09:00-17:00'),
  /** Dates the office is closed (YYYY-MM-DD, comma-separated). */
  HANDOFF_CLOSED_DATES: z.string().default(''),
  /** Approved WhatsApp template "we have not forgotten you", sent once before a window closes unanswered. */
  HANDOFF_REMINDER_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  HANDOFF_REMINDER_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),
  /** How long before the window closes the reminder goes out, in ms, default 1 h. */
  HANDOFF_REMINDER_BEFORE_MS: positiveInt.default(3_600_000),
  /** Console sessions end after this many minutes without an action, default 30. */
  CONSOLE_IDLE_MINUTES: positiveInt.default(30),
  /** Login attempts allowed per account / per address in 15 minutes, defaults 5 / 20. */
  CONSOLE_LOGIN_ATTEMPTS_PER_ACCOUNT: positiveInt.default(5),
  CONSOLE_LOGIN_ATTEMPTS_PER_ADDRESS: positiveInt.default(20),
  /** Audit entries (who viewed or did what, on which ticket) are kept this many days, default 365. */
  CONSOLE_AUDIT_RETENTION_DAYS: positiveInt.default(365),
  /** Without REDIS_URL: the console accounts file `npm run caseworker` writes and the app reads, default data/staff-accounts.json. */
  STAFF_ACCOUNTS_FILE: z.string().min(1).default('data/staff-accounts.json'),
};
