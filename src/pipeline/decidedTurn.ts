import type { TurnContext } from 'botbuilder';
import type { BufferedStateStorage } from '../stores/bufferedStateStorage.js';
import { isDeepStrictEqual } from 'node:util';
import type { StoredReply, TurnOutcome, TurnOutcomeStore } from '../stores/turnOutcomeStore.js';
import type { InboundMessage } from '../stores/types.js';
import type { CrashHook } from './crashPoint.js';
import type { ChannelTurnHandler } from './turnHandler.js';

/** Turn logic run on a context (the bot's `run`, or the apology). */
export type TurnLogic = (context: TurnContext) => Promise<void>;

/** What a channel gives {@link createDecidedTurnHandler}. */
export interface DecidedTurnDeps {
  readonly outcomes: TurnOutcomeStore;
  /** The bot's state storage (the same object the bot's ConversationState/UserState use). */
  readonly state: Pick<BufferedStateStorage, 'capture' | 'apply'>;
  /**
   * Runs `logic` on the inbound message through the channel's adapter without delivering anything; resolves with
   * the replies the turn sent, ready to be stored (JSON) and delivered later. Throws PermanentTurnError for a
   * message that can never be run (unreadable payload).
   */
  readonly record: (message: InboundMessage, logic: TurnLogic) => Promise<Array<Record<string, unknown>>>;
  /**
   * Best-effort notice to the channel that the message was seen (WhatsApp's read receipt), sent alongside the
   * replies by the attempt that decided the turn (a re-delivery after a crash does not send it again).
   * Must not throw; unset: none.
   */
  readonly acknowledge?: (message: InboundMessage) => Promise<void>;
  /**
   * Delivers one stored reply to the channel; must be idempotent per `reply.key` (a crash re-delivers it). A channel
   * may resolve once the reply is out and hand the writes recording it, still under way, to `deferRecords`: the
   * worker then waits for them beside the ack (they only matter to a re-delivery, which an ack prevents).
   */
  readonly deliver: (message: InboundMessage, reply: StoredReply, deferRecords?: (records: Promise<void>) => void) => Promise<void>;
  /**
   * Starts, beside the decision, what delivering `reply` will first wait for on the store (WhatsApp: its claim and
   * rate token). Called for the first reply only when the worker has a free send slot, so the delivery follows at
   * once. Unset: nothing is started ahead.
   */
  readonly prepareDelivery?: (message: InboundMessage, reply: StoredReply) => void;
  readonly bot: { run: TurnLogic };
  /** Sends the "technical problem" apology (and clears what kept the conversation stuck); used once per dead letter. */
  readonly apologise?: TurnLogic;
  /** Lifetime of a stored outcome, in ms (it is removed at the ack; this bounds what a crash leaves). */
  readonly outcomeTtlMs: number;
  /** Test-only crash points (config TEST_CRASH_AT). */
  readonly crash?: CrashHook;
}

/**
 * Stores `ours` as the message's outcome unless one is stored already, and applies the stored outcome's state.
 * Where the store runs a state write sent after the decision after it (`decideOrder`: one Redis connection, the
 * memory store), our changes go out right behind the decision, one wait for both; had another worker decided
 * first (a turn that outlived its lease), its changes are applied over ours. Elsewhere (Redis Cluster) the state
 * is written once the decision is known.
 */
async function decideAndApply(deps: DecidedTurnDeps, ours: TurnOutcome, crash: CrashHook, prepare: () => void): Promise<TurnOutcome> {
  if (deps.outcomes.decideOrder !== 'issued') {
    const decision = deps.outcomes.decide(ours, deps.outcomeTtlMs);
    prepare();
    const outcome = await decision;
    crash('afterReplyStored');
    await deps.state.apply(outcome.state);
    return outcome;
  }
  const decision = deps.outcomes.decide(ours, deps.outcomeTtlMs);
  const applying = deps.state.apply(ours.state);
  prepare();
  const [decided, applied] = await Promise.allSettled([decision, applying]);
  if (decided.status === 'rejected') throw decided.reason;
  crash('afterReplyStored');
  if (applied.status === 'rejected' || !isDeepStrictEqual(decided.value.state, ours.state)) await deps.state.apply(decided.value.state);
  return decided.value;
}

/**
 * The worker handler of a channel, built so each turn's replies are decided once and delivered at least once:
 * 1. if no outcome is stored for the message, run the bot with its state writes held back and its replies
 *    recorded, and store both as the message's outcome (first decision wins): the stored outcome is the
 *    turn's outbox;
 * 2. apply the stored state changes (idempotent, so a crash here just applies them again);
 * 3. hand the worker a delivery (run in its send pool, apart from the turn slots, the lease still held): each
 *    stored reply is delivered by its fixed key (the channel skips what it already delivered);
 * 4. the worker acks, then the outcome is removed.
 * A crash before 1 completes re-runs the turn on unchanged state; a crash after it re-delivers the same replies.
 */
export function createDecidedTurnHandler(deps: DecidedTurnDeps): ChannelTurnHandler {
  const crash = deps.crash ?? (() => {});
  return {
    run: async (message, lease, hints) => {
      // A first claim has no stored outcome (only a claim decides one), so it skips the read; `decide` keeps
      // the first decision even then.
      let outcome = lease.redeliveries > 0 ? await deps.outcomes.get(message.conversationKey, message.id) : undefined;
      if (!outcome) {
        const { result: activities, changes } = await deps.state.capture(() => deps.record(message, (context) => deps.bot.run(context)));
        const ours: TurnOutcome = {
          messageId: message.id,
          conversationKey: message.conversationKey,
          decidedAt: Date.now(),
          replies: activities.map((activity, n) => ({ key: `${message.id}#${n}`, activity })),
          state: changes,
        };
        // Every decision's first reply has the same key, so what is started ahead serves whichever decision won.
        const first = ours.replies[0];
        const prepare = () => {
          if (first && hints?.sendSlotFree) deps.prepareDelivery?.(message, first);
        };
        outcome = await decideAndApply(deps, ours, crash, prepare);
      } else {
        await deps.state.apply(outcome.state);
      }
      crash('afterStateSave');
      const { replies } = outcome;
      return async () => {
        // The receipt goes out beside the first reply rather than before it: one Graph wait per message, not two.
        // A redelivered turn sends it again: its first run may have decided and lost its lease before delivering,
        // and a read receipt sent twice is harmless where one never sent leaves the message unread (at least once).
        const receipt = deps.acknowledge ? deps.acknowledge(message) : undefined;
        // Only the last reply's records go beside the ack: each earlier one is recorded before the next is sent.
        const records: Array<Promise<void>> = [];
        for (const [n, reply] of replies.entries()) {
          await deps.deliver(message, reply, n === replies.length - 1 ? (written) => records.push(written) : undefined);
          if (records.length === 0) crash('afterGraphCall');
        }
        await receipt;
        // The crash points keep their meaning: a reply's records are written before the crash.
        const settled = Promise.all(records).then(() => {
          if (records.length > 0) crash('afterGraphCall');
          crash('beforeAck');
        });
        // Unhandled until the worker waits for it beside the ack; a rejection is its to report.
        settled.catch(() => undefined);
        return { settled };
      };
    },
    afterAck: (message) => deps.outcomes.remove(message.conversationKey, message.id),
    onGiveUp: async (message) => {
      const apologise = deps.apologise;
      if (!apologise) return;
      const { result: activities, changes } = await deps.state.capture(() => deps.record(message, apologise));
      await deps.state.apply(changes);
      // The dead letter is final, so these keys are used once; a replayed dead letter is a new turn.
      for (const [n, activity] of activities.entries()) await deps.deliver(message, { key: `${message.id}#apology.${n}`, activity });
    },
  };
}
