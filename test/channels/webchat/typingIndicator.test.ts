import type { Activity, TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { TypingIndicator } from '../../../src/channels/webchat/typingIndicator.js';
import { WebChatAdapter } from '../../../src/channels/webchat/webChatAdapter.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';

const message = (conversationId: string): Partial<Activity> => ({
  type: 'message',
  id: `${conversationId}|0000000`,
  text: 'bonjour',
  channelId: 'webchat',
  conversation: { id: conversationId } as Activity['conversation'],
  from: { id: `dl-${conversationId}`, name: '', role: 'user' },
  recipient: { id: 'bot', name: '' },
});

function setup(delayMs: number) {
  const log = new MemoryConversationLog(60);
  const adapter = new WebChatAdapter(log);
  adapter.use(new TypingIndicator({ delayMs, periodMs: 10_000, logger: pino({ level: 'silent' }) }));
  const types = async (conversationId: string) => (await log.read(conversationId, 0)).activities.map((a) => `${String(a.type)}:${String(a.from && (a.from as { role?: string }).role)}`);
  /** Resolves when the bot's typing indicator is in the log. */
  const typingShown = (conversationId: string) =>
    new Promise<void>((resolve) => {
      const unsubscribe = log.subscribe(conversationId, () => {
        void log.read(conversationId, 0).then((page) => {
          if (page.activities.some((a) => a.type === 'typing')) {
            unsubscribe();
            resolve();
          }
        });
      });
    });
  return { log, adapter, types, typingShown };
}

describe('TypingIndicator', () => {
  it('shows "typing" when the reply takes longer than the delay, then the reply', async () => {
    const { adapter, types, typingShown } = setup(10);
    const shown = typingShown('slow');
    await adapter.processActivity(message('slow'), async (context: TurnContext) => {
      await shown; // the bot is "thinking" until the indicator is out
      await context.sendActivity('voilà');
    });
    expect(await types('slow')).toEqual(['typing:bot', 'message:bot']);
  });

  it('shows nothing when the reply comes quickly, even if the turn goes on', async () => {
    vi.useFakeTimers();
    try {
      const { adapter, types } = setup(10);
      await adapter.processActivity(message('fast'), async (context: TurnContext) => {
        await context.sendActivity('tout de suite');
        await vi.advanceTimersByTimeAsync(100); // the rest of the turn (saving state…) outlasts the delay
      });
      await vi.advanceTimersByTimeAsync(100);
      expect(await types('fast')).toEqual(['message:bot']);
    } finally {
      vi.useRealTimers();
    }
  });
});
