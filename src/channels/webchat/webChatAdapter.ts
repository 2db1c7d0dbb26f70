import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { ConversationLog } from '../../stores/types.js';
import { activityId, activityIndex } from '../../stores/types.js';
import { ChannelAdapter } from '../channelAdapter.js';
import { renderReplyAsMarkdown } from '../contentMarkdown.js';
import { ERASED_EVENT, WEB_CHAT_BOT } from './webChatParticipants.js';

export { ERASED_EVENT, WEB_CHAT_BOT, WEB_CHAT_CASEWORKER } from './webChatParticipants.js';

/** Delivers the bot's web chat replies by appending them to the conversation's Direct Line log, in Markdown. */
export class WebChatAdapter extends ChannelAdapter {
  constructor(private readonly log: ConversationLog) {
    super();
  }

  /**
   * "Delete my data" for web chat: erases the conversation's activities up to and including the one being
   * answered (the user's "yes"). The confirmation, already appended after it, stays and is delivered, and
   * the conversation id goes on with monotonic watermarks, so the open page or Web Chat keeps working.
   * A `tdu/erased` event follows, so our page also removes the erased messages from the screen.
   */
  async forget(context: TurnContext): Promise<void> {
    const conversationId = context.activity.conversation.id;
    const index = activityIndex(conversationId, context.activity.id);
    const before = index === undefined ? Number.MAX_SAFE_INTEGER : index + 1;
    await this.log.erase(conversationId, before);
    // Tells an open page to take the erased messages off the screen too (Web Chat ignores unknown events).
    // Sent as one of the turn's replies, so a queued turn stores it with the others, after the confirmation.
    await context.sendActivity({ type: 'event', name: ERASED_EVENT, value: { before } });
  }

  /** Appends a reply stored by `record` once per `replyKey` (a re-delivered turn does not repeat it). */
  async deliverStored(conversationId: string, stored: Record<string, unknown>, replyKey: string): Promise<void> {
    await this.log.appendReply(conversationId, stored, replyKey);
  }

  protected override prepare(activity: Partial<Activity>, context: TurnContext): Record<string, unknown> {
    const conversationId = context.activity.conversation.id;
    const stored: Record<string, unknown> = {
      ...JSON.parse(JSON.stringify(activity)),
      type: activity.type ?? 'message',
      channelId: 'webchat',
      from: WEB_CHAT_BOT,
      recipient: { id: context.activity.from.id, role: 'user' },
      conversation: { id: conversationId },
      replyToId: context.activity.id,
      timestamp: new Date().toISOString(),
    };
    delete stored.id;
    delete stored.serviceUrl;
    renderReplyAsMarkdown(stored);
    return stored;
  }

  protected async deliver(activity: Partial<Activity>, context: TurnContext): Promise<ResourceResponse> {
    const conversationId = context.activity.conversation.id;
    const index = await this.log.append(conversationId, this.prepare(activity, context));
    return { id: activityId(conversationId, index) };
  }
}
