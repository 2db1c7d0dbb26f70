import type { ConversationLog } from '../../stores/types.js';
import type { ChannelNotifier } from '../channelNotifier.js';
import { WEB_CHAT_BOT, WEB_CHAT_CASEWORKER } from './webChatParticipants.js';

/**
 * Sends proactive messages to a web chat user by appending them to their Direct Line conversation (open pages
 * get them at once through the stream; a page opened later reads them). A conversation that expired cannot be
 * reached. Each notice is appended once per idempotency key (the conversation's reply marker, as for turn replies),
 * so a reminder re-sent after a crash between the append and the worker's acknowledgement is not shown twice.
 */
export function createWebChatNotifier(log: ConversationLog): ChannelNotifier {
  return {
    async notify(contact, notice, idempotencyKey) {
      if (!(await log.exists(contact.conversationId))) return 'unreachable';
      await log.appendReply(contact.conversationId, {
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
      }, `notice:${idempotencyKey}`);
      return 'sent';
    },
  };
}
