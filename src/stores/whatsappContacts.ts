/**
 * Contract of the WhatsApp contact/status store (see src/channels/whatsapp/contactStore.ts, which re-exports it).
 * It lives here so the memory and Redis implementations do not import the channel layer.
 */

/** Delivery status of an outbound WhatsApp message, as Meta's status webhooks report it. */
export type WhatsAppDeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

/** One status webhook about an outbound message. */
export interface WhatsAppStatusUpdate {
  /** The user (recipient_id of the status webhook). */
  readonly waId: string;
  /** Graph message id (`wamid`) of our outbound message. */
  readonly messageId: string;
  readonly status: WhatsAppDeliveryStatus;
  /** When Meta says it happened, in ms since the epoch. */
  readonly at: number;
  /** Graph error code of a `failed` status (e.g. 131047 window closed, 131026 undeliverable). */
  readonly errorCode?: number;
}

/**
 * What we know about each WhatsApp user's exchange with us, nothing more: when they last wrote (for the
 * 24-hour customer-service window), our last outbound message and its latest delivery status.
 * No names, no message text. Entries expire after an idle time (default 30 days).
 */
export interface WhatsAppContactStore {
  /** Records that the user wrote at `at` (ms); an older time never replaces a newer one (batches, retries). */
  recordInbound(waId: string, at: number): Promise<void>;
  /** When the user last wrote (ms since the epoch), or undefined when unknown or expired. */
  lastInboundAt(waId: string): Promise<number | undefined>;
  /**
   * Records our message Graph accepted; it becomes the one whose statuses are kept (the previous status is cleared).
   * A user without a record (never wrote, or erased their data) is not re-created.
   */
  recordOutbound(waId: string, graphMessageId: string, at: number): Promise<void>;
  /**
   * Keeps the status when it concerns the user's last outbound message, else ignores it. Statuses may arrive out
   * of order: `sent` < `delivered` < `read` never goes backwards, and `failed` always wins.
   * Resolves true when it was kept.
   */
  recordStatus(status: WhatsAppStatusUpdate): Promise<boolean>;
  /** The latest status of the user's last outbound message, or undefined. */
  lastStatus(waId: string): Promise<WhatsAppStatusUpdate | undefined>;
  /** Erases everything kept about this user ("delete my data"). */
  forget(waId: string): Promise<void>;
}

/** Default idle lifetime of a contact entry: 30 days, in seconds. */
export const DEFAULT_CONTACT_TTL_SECONDS = 30 * 24 * 3600;

/** Rank of each status: a status only replaces one of lower or equal rank (`failed` is final). */
export const STATUS_RANK = { sent: 1, delivered: 2, read: 3, failed: 4 } as const satisfies Record<WhatsAppDeliveryStatus, number>;
