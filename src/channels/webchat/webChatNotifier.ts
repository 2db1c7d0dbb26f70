import type { ConversationLog } from '../../stores/types.js';
import type { ChannelNotifier } from '../channelNotifier.js';
import { WEB_CHAT_BOT, WEB_CHAT_CASEWORKER } from './webChatAdapter.js';

/**
 * Sends proactive messages to a web chat user by appending them to their Direct Line conversation (open pages
 * get them at once through the stream; a page opened later reads them). A conversation that expired cannot be
 * reached. Web chat has no delivery receipts: a reminder is appended at most once per lease of the worker.
 */
export function createWebChatNotifier(log: ConversationLog): ChannelNotifier {
  return {
    async notify(contact, notice) {
      if (!(await log.exists(contact.conversationId))) return 'unreachable';
      await log.append(contact.conversationId, {
        type: 'message',
        text: notice.text,
        locale: notice.lang,
        textFormat: 'markdown',
        suggestedActions: { to: [], actions: notice.buttons.map((b) => ({ type: 'postBack', title: b.title, value: b.value })) },
        channelId: 'webchat',
        from: notice.from === 'caseworker' ? WEB_CHAT_CASEWORKER : WEB_CHAT_BOT,
        recipient: { id: contact.userId, role: 'user' },
        conversation: { id: contact.conversationId },
        timestamp: new Date().toISOString(),
      });
      return 'sent';
    },
  };
}
