import { z } from 'zod';

/** One reply of a decided turn, with the key that identifies it for as long as the outcome lives. */
export const StoredReply = z.object({
  /** `<inbound message id>#<n>`: fixed when the outcome is stored, so a re-delivery never renumbers it. */
  key: z.string().min(1),
  /** The channel-ready activity (JSON), as the bot produced it. */
  activity: z.record(z.string(), z.unknown()),
});
export type StoredReply = z.infer<typeof StoredReply>;

/** What one turn decided: its replies and its state changes, stored once before anything is applied or sent. */
export const TurnOutcome = z.object({
  messageId: z.string().min(1),
  conversationKey: z.string().min(1),
  /** When it was decided, epoch ms. */
  decidedAt: z.number(),
  replies: z.array(StoredReply),
  state: z.array(
    z.union([
      z.object({ op: z.literal('write'), key: z.string(), item: z.record(z.string(), z.unknown()) }),
      z.object({ op: z.literal('delete'), key: z.string() }),
    ]),
  ),
});
export type TurnOutcome = z.infer<typeof TurnOutcome>;

/**
 * Decided turn outcomes, kept from the decision until the inbound message is acked (then removed; a
 * lifetime bounds what a crash leaves behind, since outcomes hold reply text and state).
 * Memory and Redis implementations share one contract suite.
 */
export interface TurnOutcomeStore {
  /**
   * Stores `outcome` unless one is already stored for its message, atomically; resolves with the stored one
   * (the first decision wins, so two workers that both ran the turn deliver the same replies).
   * @param ttlMs lifetime of the stored outcome in ms.
   */
  decide(outcome: TurnOutcome, ttlMs: number): Promise<TurnOutcome>;
  /**
   * `issued` when a write to the bot's state sent after `decide` was called (not awaited) runs after the decision:
   * one Redis connection runs its commands in order, the memory store decides at the call. Unset on Redis Cluster,
   * where the two may go to two servers: there the state is written once the decision is known.
   */
  readonly decideOrder?: 'issued';
  /** The stored outcome of a message, or undefined. */
  get(conversationKey: string, messageId: string): Promise<TurnOutcome | undefined>;
  /** Removes the outcome of a message (after its ack). */
  remove(conversationKey: string, messageId: string): Promise<void>;
  /**
   * Moves the outcomes of `messageIds` from conversation `oldKey` to `newKey` (a WhatsApp number change: the
   * outcomes of dead letters that staff may requeue), each rewritten by `rewrite`, keeping its remaining lifetime.
   * One the new conversation already has wins. Idempotent; on Redis each step touches one conversation's keys.
   */
  move(oldKey: string, newKey: string, messageIds: readonly string[], rewrite: (outcome: TurnOutcome) => TurnOutcome): Promise<void>;
}
