import { randomUUID } from 'node:crypto';
import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { createDecidedTurnHandler, type DecidedTurnDeps } from '../../pipeline/decidedTurn.js';
import { PermanentTurnError, type ChannelTurnHandler } from '../../pipeline/turnWorker.js';
import type { EnqueueResult, InboundMessage, InboundQueue } from '../../stores/types.js';
import type { BotFrameworkQueueAdapter } from './botFrameworkAdapter.js';

/** The inbound queue's channel name of `/api/messages` activities. */
export const BOT_FRAMEWORK_CHANNEL = 'botframework';

/** Ordering key of a Bot Framework conversation in the inbound queue. */
export function botFrameworkConversationKey(conversationId: string): string {
  return `${BOT_FRAMEWORK_CHANNEL}:${conversationId}`;
}

/** What the route stores on the queue: the activity as the connector sent it (checked by the route). */
const QueuedActivity = z.object({
  activity: z
    .object({
      type: z.string(),
      serviceUrl: z.string(),
      conversation: z.object({ id: z.string() }).passthrough(),
    })
    .passthrough(),
});

/**
 * Stores an authenticated `/api/messages` activity on the durable inbound queue (turns of one conversation then
 * run one at a time, in order, on any instance, retried and dead-lettered like the other channels). The id is
 * the conversation and activity id, so a connector's retry of the same activity is a duplicate.
 */
export function createBotFrameworkDispatcher(queue: Pick<InboundQueue, 'enqueue'>) {
  return (activity: Partial<Activity>, conversationId: string): Promise<EnqueueResult> =>
    queue.enqueue({
      id: `${BOT_FRAMEWORK_CHANNEL}:${conversationId}:${typeof activity.id === 'string' && activity.id ? activity.id : randomUUID()}`,
      conversationKey: botFrameworkConversationKey(conversationId),
      channel: BOT_FRAMEWORK_CHANNEL,
      payload: JSON.stringify({ activity }),
    });
}

/** "Delete my data" for a Bot Framework conversation: its inbound dead letters. */
export async function forgetBotFrameworkConversation(queue: Pick<InboundQueue, 'forgetConversation'>, context: TurnContext): Promise<void> {
  await queue.forgetConversation(botFrameworkConversationKey(context.activity.conversation.id));
}

/** Dependencies of {@link createBotFrameworkTurnHandler}. */
export interface BotFrameworkTurnHandlerDeps extends Pick<DecidedTurnDeps, 'outcomes' | 'state' | 'apologise' | 'outcomeTtlMs' | 'crash'> {
  /** Its `onTurnError` stays unset, so a failing turn rejects and is retried. */
  readonly adapter: Pick<BotFrameworkQueueAdapter, 'record' | 'deliverStored'>;
  readonly bot: { run(context: TurnContext): Promise<void> };
}

/**
 * The TurnWorker handler for `/api/messages` activities: runs the stored activity through the bot as a decided
 * turn (see decidedTurn.ts), then posts each reply to the connector's `serviceUrl` once per reply key.
 */
export function createBotFrameworkTurnHandler(deps: BotFrameworkTurnHandlerDeps): ChannelTurnHandler {
  return createDecidedTurnHandler({
    ...deps,
    record: (message, logic) => deps.adapter.record(readActivity(message), logic),
    deliver: (_message, reply) => deps.adapter.deliverStored(reply.activity, reply.key),
  });
}

/** The stored activity; one that cannot be read can never be run, so it goes straight to the dead letters. */
function readActivity(message: InboundMessage): Partial<Activity> {
  let json: unknown;
  try {
    json = JSON.parse(message.payload);
  } catch (cause) {
    throw new PermanentTurnError('bot framework queue payload is not JSON', { cause });
  }
  const parsed = QueuedActivity.safeParse(json);
  if (!parsed.success) throw new PermanentTurnError('bot framework queue payload is not an activity with a serviceUrl and a conversation');
  return parsed.data.activity as unknown as Partial<Activity>;
}
