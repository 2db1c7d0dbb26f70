import type { Activity, TurnContext } from 'botbuilder';
import type { InboundMessage, InboundQueue } from '../../stores/types.js';
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
      conversationKey: `webchat:${conversationId}`,
      channel: 'webchat',
      payload: JSON.stringify(activity),
    });
    if (result === 'full') throw new InboundQueueFullError('webchat');
  };
}

/** The TurnWorker handler for web chat messages: runs the stored activity through the adapter and the bot. */
export function createWebChatTurnHandler(deps: { adapter: WebChatAdapter; bot: { run(context: TurnContext): Promise<void> } }) {
  return async (message: InboundMessage): Promise<void> => {
    const activity = JSON.parse(message.payload) as Partial<Activity>;
    await deps.adapter.processActivity(activity, (context) => deps.bot.run(context));
  };
}
