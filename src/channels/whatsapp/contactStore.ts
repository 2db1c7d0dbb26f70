/**
 * The WhatsApp contact/status store used by the webhook (inbound times, statuses) and the sender (24-hour
 * window, last outbound message). The contract lives in src/stores so its memory and Redis implementations
 * need not import the channel layer; this module is the channel's name for it.
 */
export {
  DEFAULT_CONTACT_TTL_SECONDS,
  STATUS_RANK,
  type WhatsAppContactStore,
  type WhatsAppDeliveryStatus,
  type WhatsAppStatusUpdate,
} from '../../stores/whatsappContacts.js';
