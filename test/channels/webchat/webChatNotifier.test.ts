import { describe, expect, it } from 'vitest';
import { routeByChannel } from '../../../src/channels/channelNotifier.js';
import { createWebChatNotifier } from '../../../src/channels/webchat/webChatNotifier.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';

const notice = { lang: 'en' as const, text: '⏰ Reminder', buttons: [{ title: '✅ I will come', value: 'appt:confirm:K7RM4X' }] };

describe('createWebChatNotifier', () => {
  it("appends the message with its buttons to the person's conversation", async () => {
    const log = new MemoryConversationLog(3600);
    await log.create('conv-1');
    const notifier = createWebChatNotifier(log);
    expect(await notifier.notify({ channel: 'webchat', userId: 'u1', conversationId: 'conv-1' }, notice, 'k')).toBe('sent');
    const page = await log.read('conv-1', 0);
    expect(page.activities[0]).toMatchObject({
      type: 'message',
      text: '⏰ Reminder',
      locale: 'en',
      from: { role: 'bot' },
      recipient: { id: 'u1' },
      suggestedActions: { actions: [{ type: 'postBack', value: 'appt:confirm:K7RM4X' }] },
    });
    await log.close();
  });

  it('cannot reach an expired conversation, nor a channel that is not enabled', async () => {
    const log = new MemoryConversationLog(3600);
    const router = routeByChannel({ webchat: createWebChatNotifier(log) });
    expect(await router.notify({ channel: 'webchat', userId: 'u1', conversationId: 'gone' }, notice, 'k')).toBe('unreachable');
    expect(await router.notify({ channel: 'whatsapp', userId: '2126', conversationId: '2126' }, notice, 'k')).toBe('unreachable');
    await log.close();
  });
});
