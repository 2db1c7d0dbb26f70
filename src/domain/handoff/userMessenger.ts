import type { HandoffTicket } from '../../stores/handoffStore.js';

/** What really happened to a message for the user: sent, held until the user writes (WhatsApp window closed), failed. */
export type DeliveryResult = 'sent' | 'held' | 'failed';

/** Who a ticket's messages go to. */
export type MessageTarget = Pick<HandoffTicket, 'channel' | 'userId' | 'conversationId' | 'language'>;

/**
 * The narrow door through which caseworker messages (and the queue's notices) reach users, on their own channel.
 * Implemented over each channel's existing sender (web chat conversation log, WhatsApp sender with its retries,
 * idempotency and 24-hour window) and wired in src/index.ts, so the console never imports a channel.
 */
export interface UserMessenger {
  /**
   * Sends `text` to the ticket's user. `key` makes it idempotent (a retried request is not sent twice).
   * Resolves `held` when the channel could not deliver now but keeps it (WhatsApp window closed).
   * `fromCaseworker` marks a person's message (web chat shows it apart from the assistant's).
   */
  send(target: MessageTarget, text: string, key: string, options?: { readonly fromCaseworker?: boolean }): Promise<DeliveryResult>;
  /**
   * Sends again the message the channel held under `key` (WhatsApp window closed then), now that the user wrote:
   * the held message itself, taken once. `sent` also when it already went out (another instance, a staff replay),
   * `held` when the window is still closed, `failed` when it ended in the dead letters, `gone` when the channel
   * knows nothing of it any more (erased, expired), undefined while another instance is sending it.
   * Channels that never hold messages leave it out.
   */
  sendHeld?(target: MessageTarget, key: string): Promise<DeliveryResult | 'gone' | undefined>;
  /** Sends the configured "we have not forgotten you" WhatsApp template; `failed` when none is configured. */
  sendReminder(target: MessageTarget, key: string): Promise<DeliveryResult>;
  /** WhatsApp: when the user's 24-hour window closes (ms), undefined when unknown or not WhatsApp. */
  windowClosesAt(target: MessageTarget): Promise<number | undefined>;
}

/** Reads a media file the user sent (fetched from the channel when a caseworker opens it, never stored). */
export interface MediaFetcher {
  fetch(channel: string, mediaId: string): Promise<{ readonly contentType: string; readonly data: Buffer } | undefined>;
}
