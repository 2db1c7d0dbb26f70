import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

/** turnState key of the records made so far in this turn, per scope. */
const RECORDS_IN_TURN = Symbol('recordsInTurn');

/**
 * A key naming the next record of `scope` that this turn makes (an unanswered question, a transcript line): the
 * inbound message (channel, conversation, activity id) and the record's place in the turn. A turn re-run after a
 * crash or a failure makes the same records in the same order, so stores that keep a record once per key do not
 * repeat it. A hash, so the message id it names (a WhatsApp id holds the phone number) is never stored. Undefined
 * for an activity without an id (nothing to tell a re-run from a new message).
 */
export function nextTurnRecordKey(context: TurnContext, scope: string): string | undefined {
  const { channelId, conversation, id } = context.activity;
  if (!id) return undefined;
  const counts = (context.turnState.get(RECORDS_IN_TURN) as Map<string, number> | undefined) ?? new Map<string, number>();
  const place = (counts.get(scope) ?? 0) + 1;
  counts.set(scope, place);
  context.turnState.set(RECORDS_IN_TURN, counts);
  return createHash('sha256').update(JSON.stringify([channelId, conversation?.id, id, scope, place])).digest('hex').slice(0, 32);
}
