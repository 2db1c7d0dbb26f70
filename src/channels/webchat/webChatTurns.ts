import type { Activity, TurnContext } from 'botbuilder';
import type { InboundMessage, InboundQueue } from '../../stores/types.js';
import { createDecidedTurnHandler, type DecidedTurnDeps } from '../../pipeline/decidedTurn.js';
import { PermanentTurnError, type ChannelTurnHandler } from '../../pipeline/turnWorker.js';
import type { WebChatAdapter } from './webChatAdapter.js';

/** The inbound queue refused a message because it is full; the client should retry later (503). */
export class InboundQueueFullError extends Error {
  constructor(readonly channel: string) {
    super(`The inbound queue is full; a ${channel} message was refused (retry later)`);
    this.name = 'InboundQueueFullError';
  }
}

/**
 * Stores a web chat activity on the durable inbound queue (one conversation's turns then run one at a time,
 * in order, on any instance). A duplicate id is accepted silently; a full queue throws.
 */
export function createWebChatDispatcher(queue: InboundQueue) {
  return async (activity: Record<string, unknown>): Promise<void> => {
    const conversationId = (activity.conversation as { id: string }).id;
    const result = await queue.enqueue({
      id: `webchat:${String(activity.id)}`,
      conversationKey: webChatConversationKey(conversationId),
      channel: 'webchat',
      payload: JSON.stringify(activity),
    });
    if (result === 'full') throw new InboundQueueFullError('webchat');
  };
}

/** Ordering key of a web chat conversation in the inbound queue. */
export function webChatConversationKey(conversationId: string): string {
  return `webchat:${conversationId}`;
}

/** "Delete my data" for web chat: the conversation's activities (see WebChatAdapter.forget) and its inbound dead letters. */
export async function forgetWebChatConversation(
  deps: { adapter: Pick<WebChatAdapter, 'forget'>; queue: Pick<InboundQueue, 'forgetConversation'> },
  context: TurnContext,
): Promise<void> {
  await deps.adapter.forget(context);
  await deps.queue.forgetConversation(webChatConversationKey(context.activity.conversation.id));
}

/** Dependencies of {@link createWebChatTurnHandler}. */
export interface WebChatTurnHandlerDeps extends Pick<DecidedTurnDeps, 'outcomes' | 'state' | 'apologise' | 'outcomeTtlMs' | 'crash'> {
  /** Its `onTurnError` must stay unset, so a failing turn rejects and is retried. */
  readonly adapter: WebChatAdapter;
  readonly bot: { run(context: TurnContext): Promise<void> };
}

/**
 * The TurnWorker handler for web chat messages: runs the stored activity through the adapter and the bot as a
 * decided turn (see decidedTurn.ts), then appends each reply to the conversation log once.
 */
export function createWebChatTurnHandler(deps: WebChatTurnHandlerDeps): ChannelTurnHandler {
  return createDecidedTurnHandler({
    ...deps,
    record: (message, logic) => deps.adapter.record(readActivity(message), logic),
    deliver: (message, reply) => deps.adapter.deliverStored(readActivity(message).conversation!.id, reply.activity, reply.key),
  });
}

/** The stored activity; one that cannot be read can never be run, so it goes straight to the dead letters. */
function readActivity(message: InboundMessage): Partial<Activity> {
  let activity: unknown;
  try {
    activity = JSON.parse(message.payload);
  } catch (cause) {
    throw new PermanentTurnError('web chat queue payload is not JSON', { cause });
  }
  const conversationId = (activity as { conversation?: { id?: unknown } } | null)?.conversation?.id;
  if (typeof conversationId !== 'string') throw new PermanentTurnError('web chat queue payload has no conversation id');
  return activity as Partial<Activity>;
}
