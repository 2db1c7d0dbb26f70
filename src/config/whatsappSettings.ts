// The WhatsApp Cloud API channel: its secrets, Graph URL, rate and re-engagement template, identity links
// Part of the one schema of the assistant's settings (config.ts); `.env.example` documents each variable.
import { z } from 'zod';
import { positiveInt, optionalString } from './configFields.js';

/** The WhatsApp Cloud API channel (see config.ts). */
export const WHATSAPP_SETTINGS = {
  /** WhatsApp Cloud API; the channel is enabled when the four secrets below are set. */
  WHATSAPP_VERIFY_TOKEN: optionalString,
  WHATSAPP_APP_SECRET: optionalString,
  WHATSAPP_PHONE_NUMBER_ID: optionalString,
  WHATSAPP_ACCESS_TOKEN: optionalString,
  /** Graph API base, default Meta's current version. */
  WHATSAPP_API_URL: z.url().default('https://graph.facebook.com/v23.0'),
  /** Largest webhook body in bytes, default 4 MiB (Meta batches up to about 3 MB). */
  WHATSAPP_MAX_BODY_BYTES: positiveInt.default(4 * 1024 * 1024),
  /** Messages per second for the business number, default 80 (Meta's default throughput). */
  WHATSAPP_RATE_PER_SECOND: positiveInt.default(80),
  /** Approved template sent when the 24-hour window is closed; unset keeps the message for a caseworker. */
  WHATSAPP_REENGAGE_TEMPLATE: optionalString,
  /** Language code of that template, default fr. */
  WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE: z.string().min(2).default('fr'),

  // --- WhatsApp identities (issue 8): phone ↔ BSUID links and number changes ---
  /** A link between a user's phone number and business-scoped user id lives this long after its last use, default 30 days. */
  WHATSAPP_LINK_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
  /** The marker of a number change under way (both numbers) is dropped when the move ends, or after this long, default 7 days. */
  WHATSAPP_MOVE_MARKER_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
};
