import { ActivityHandler, TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssistantBot } from '../../../src/bot/createAssistantBot.js';
import { WebChatAdapter } from '../../../src/channels/webchat/webChatAdapter.js';
import { createWebChatTurnHandler, forgetWebChatConversation, webChatConversationKey } from '../../../src/channels/webchat/webChatTurns.js';
import { createContentStore } from '../../../src/domain/content/contentRepository.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { TurnWorker } from '../../../src/pipeline/turnWorker.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { activityId, type InboundLease, type InboundMessage } from '../../../src/stores/types.js';
import { runAndDeliver, turnParts } from '../../helpers/turnParts.js';
import { fixedContent, tableUnderstander } from '../../helpers/dialogHarness.js';
import { MemoryTurnOutcomes } from '../../../src/stores/memory/memoryTurnOutcomes.js';
import { MemoryUnansweredLog } from '../../../src/stores/memory/memoryUnansweredLog.js';

const logger = pino({ level: 'silent' });
let translator: Translator;
const cleanups: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  translator = await createTranslator('locales');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function queued(id: string, conversationId = 'conv-1', text = 'Bonjour'): InboundMessage {
  const activity = { type: 'message', id, text, locale: 'en', channelId: 'webchat', from: { id: 'user-1', role: 'user' }, conversation: { id: conversationId } };
  return { id: `webchat:${id}`, conversationKey: webChatConversationKey(conversationId), channel: 'webchat', payload: JSON.stringify(activity) };
}

describe('createWebChatTurnHandler', () => {
  it('appends a decided reply once, however often the turn is delivered again', async () => {
    const log = new MemoryConversationLog(3600);
    await log.create('conv-1');
    const bot = new ActivityHandler();
    let runs = 0;
    bot.onMessage(async (context, next) => {
      runs++;
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
    const handler = createWebChatTurnHandler({ ...turnParts(), adapter: new WebChatAdapter(log), bot });
    const message = queued('a1');
    const lease: InboundLease = { message, leaseId: 'l', redeliveries: 0 };
    await runAndDeliver(handler, message, lease);
    await runAndDeliver(handler, message, { ...lease, redeliveries: 1 });
    expect(runs).toBe(1);
    const { activities } = await log.read('conv-1', 0);
    expect(activities.map((a) => [a.text, a.replyToId, (a.from as { role: string }).role])).toEqual([['echo: Bonjour', 'a1', 'bot']]);
  });

  it('lets a failing real bot turn be retried, dead-lettered and apologised for once in the conversation', async () => {
    const log = new MemoryConversationLog(3600);
    await log.create('conv-1');
    const parts = turnParts();
    const content = createContentStore({ localesDir: 'locales', logger });
    cleanups.push(async () => content.close());
    const assistant = createAssistantBot({
      storage: parts.state,
      translator,
      understander: () => {
        throw new RangeError('the matcher broke');
      },
      content: content.repository,
      defaultLanguage: 'fr',
      logger,
    });
    const queue = new MemoryInboundQueue({ maxDepth: 10 });
    const handler = createWebChatTurnHandler({ ...parts, apologise: assistant.apologise, adapter: new WebChatAdapter(log), bot: assistant.bot });
    const worker = new TurnWorker({ queue, handlers: { webchat: handler }, workerId: 'w', logger, maxDeliveries: 2, retryDelayMs: 5, idleWaitMs: 20 });
    cleanups.push(() => worker.stop());
    const appended = new Promise<void>((resolve) => log.subscribe('conv-1', resolve));
    worker.start();
    await queue.enqueue(queued('b1'));
    await appended;
    const letters = await queue.deadLetters();
    expect(letters.map((l) => [l.reason, l.deliveries])).toEqual([['maxDeliveries', 2]]);
    const { activities } = await log.read('conv-1', 0);
    // The activity's locale (en) is used: the failed turn never saved a profile.
    expect(activities.map((a) => a.text)).toEqual([translator.forLanguage('en')('error.apology')]);
  });

  it('records an unanswered question once when its turn is re-run (it failed before its outcome was stored)', async () => {
    const log = new MemoryConversationLog(3600);
    await log.create('conv-1');
    const unanswered = new MemoryUnansweredLog();
    // The first decision fails, as when the worker dies after the turn ran and before its outcome was stored.
    const outcomes = new MemoryTurnOutcomes();
    let decisions = 0;
    const failingOnce = Object.assign(Object.create(outcomes) as MemoryTurnOutcomes, {
      decide: (...args: Parameters<MemoryTurnOutcomes['decide']>) => (++decisions === 1 ? Promise.reject(new Error('crashed before the outcome was stored')) : outcomes.decide(...args)),
    });
    const parts = turnParts({ outcomes: failingOnce });
    const assistant = createAssistantBot({ storage: parts.state, translator, understander: () => tableUnderstander({}), content: fixedContent([]), unanswered, defaultLanguage: 'fr', logger });
    const queue = new MemoryInboundQueue({ maxDepth: 10 });
    const handler = createWebChatTurnHandler({ ...parts, apologise: assistant.apologise, adapter: new WebChatAdapter(log), bot: assistant.bot });
    const worker = new TurnWorker({ queue, handlers: { webchat: handler }, workerId: 'w', logger, maxDeliveries: 3, retryDelayMs: 5, idleWaitMs: 20 });
    cleanups.push(() => worker.stop());
    const processed = new Promise((resolve) => worker.once('processed', resolve));
    worker.start();
    await queue.enqueue(queued('q1', 'conv-1', 'combien coûte un chameau à Tanger ?'));
    await processed;
    expect(decisions).toBe(2);
    const recorded = await unanswered.list(0, Date.now());
    expect(recorded.map((q) => q.text)).toEqual(['combien coûte un chameau à Tanger ?']);
    // A later message that is not understood either is a new record.
    const again = new Promise((resolve) => worker.once('processed', resolve));
    await queue.enqueue(queued('q2', 'conv-1', 'et un âne ?'));
    await again;
    expect((await unanswered.list(0, Date.now())).length).toBe(2);
  });

  it('erases the conversation and its dead letters on "delete my data"', async () => {
    const log = new MemoryConversationLog(3600);
    const queue = new MemoryInboundQueue({ maxDepth: 10 });
    const adapter = new WebChatAdapter(log);
    const index = await log.append('conv-9', { type: 'message', text: 'supprimer mes données' });
    for (const conversation of ['conv-9', 'conv-8']) {
      await queue.enqueue(queued(`d-${conversation}`, conversation));
      await queue.deadLetter((await queue.claim('w', 1000))!, 'maxDeliveries');
    }
    const context = new TurnContext(adapter, { type: 'message', id: activityId('conv-9', index), channelId: 'webchat', from: { id: 'u', name: '' }, conversation: { id: 'conv-9', name: '', isGroup: false, conversationType: '' } });
    await forgetWebChatConversation({ adapter, queue }, context);
    expect((await log.read('conv-9', 0)).activities.map((a) => a.text)).not.toContain('supprimer mes données');
    expect((await queue.deadLetters()).map((l) => l.message.conversationKey)).toEqual(['webchat:conv-8']);
  });
});
