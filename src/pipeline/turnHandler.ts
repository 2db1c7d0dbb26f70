/**
 * What a channel gives the turn worker (turnWorker.ts): the turn handler, the delivery it may hand back, its hooks.
 */
import type { DeadLetterReason, InboundLease, InboundMessage } from '../stores/types.js';

/**
 * Delivers what a turn decided (its replies). Run by the worker's send pool, apart from the turn slots, with the
 * message's lease still held, so the conversation's next message waits and a crash re-delivers; rejecting
 * retries the message like a failed turn.
 */
export type TurnDelivery = () => Promise<void | DeliveryRecords>;

/**
 * What a delivery may leave under way: the writes recording what it sent (sent marks). They only matter to a
 * re-delivery, which the ack prevents, so the worker sends the ack beside them (one wait) and then waits for both.
 */
export interface DeliveryRecords {
  readonly settled: Promise<unknown>;
}

/**
 * Runs the bot turn of one inbound message; rejecting leaves the message for redelivery. It may resolve with a
 * {@link TurnDelivery}: the turn slot is then freed and the delivery runs in the send pool before the ack.
 */
export type TurnHandler = (message: InboundMessage, lease: InboundLease, hints?: TurnHints) => Promise<void | TurnDelivery>;

/** What the worker tells a turn about itself when it starts. */
export interface TurnHints {
  /** A send slot is free now, so a delivery returned soon starts at once (what it waits for may be started ahead). */
  readonly sendSlotFree: boolean;
}

/** A channel's turn handler with the hooks the worker calls around it. */
export interface ChannelTurnHandler {
  /** Runs the turn; rejecting retries it (or dead-letters it at once with a {@link PermanentTurnError}). */
  readonly run: TurnHandler;
  /** Called once after the message was acked (e.g. to drop the turn's stored outcome); errors are logged. */
  readonly afterAck?: (message: InboundMessage) => Promise<void>;
  /**
   * Called once when the worker gave the message up (dead letter) after it failed: tells the user, once, that
   * there was a problem. Errors are logged; the message stays a dead letter either way.
   */
  readonly onGiveUp?: (message: InboundMessage, reason: DeadLetterReason) => Promise<void>;
}

/** A failure that no retry can fix (e.g. a payload that cannot be read): the message is dead-lettered at once. */
export class PermanentTurnError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentTurnError';
  }
}
