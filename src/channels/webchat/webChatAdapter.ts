import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { ConversationLog } from '../../stores/types.js';
import { activityId } from '../../stores/types.js';
import { ChannelAdapter } from '../channelAdapter.js';

/** The bot's identity on the web chat channel. */
export const WEB_CHAT_BOT = { id: 'trait-d-union', name: "Trait d'Union", role: 'bot' } as const;

/** Delivers the bot's web chat replies by appending them to the conversation's Direct Line log. */
export class WebChatAdapter extends ChannelAdapter {
  constructor(private readonly log: ConversationLog) {
    super();
  }

  protected async deliver(activity: Partial<Activity>, context: TurnContext): Promise<ResourceResponse> {
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
    const index = await this.log.append(conversationId, stored);
    return { id: activityId(conversationId, index) };
  }
}
