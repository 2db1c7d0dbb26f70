import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { HandoffQueue } from '../../../src/domain/handoff/handoffQueue.js';
import type { HandoffRequest } from '../../../src/domain/handoff/handoffRequest.js';
import { HandoffWatcher } from '../../../src/domain/handoff/handoffWatcher.js';
import type { DeliveryResult, MessageTarget, UserMessenger } from '../../../src/domain/handoff/userMessenger.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { MemoryHandoffStore } from '../../../src/stores/memory/memoryHandoffStore.js';

const MIN = 60_000;
let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator('locales');
});

function setup(options: { autoAssign?: boolean } = {}) {
  const clock = { now: 1_800_000_000_000 };
  const queue = new HandoffQueue({ store: new MemoryHandoffStore(), now: () => clock.now, leaseMs: 10 * MIN, silentMs: 60 * MIN });
  const sent: Array<{ kind: 'text' | 'reminder'; userId: string; text?: string }> = [];
  const messenger: UserMessenger = {
    send: async (target: MessageTarget, text: string): Promise<DeliveryResult> => {
      sent.push({ kind: 'text', userId: target.userId, text });
      return 'sent';
    },
    sendReminder: async (target: MessageTarget) => {
      sent.push({ kind: 'reminder', userId: target.userId });
      return 'sent';
    },
    windowClosesAt: async () => undefined,
  };
  const watcher = new HandoffWatcher({ queue, messenger, translator, logger: pino({ level: 'silent' }), now: () => clock.now, autoAssign: options.autoAssign });
  let n = 0;
  const open = (over: Partial<HandoffRequest> = {}) => {
    clock.now += 1;
    n += 1;
    return queue.open({ channel: 'webchat', userId: `u${n}`, conversationId: `c${n}`, language: 'en', priority: 'normal', reason: 'asked', ...over }).then((r) => r.ticket);
  };
  return { clock, queue, sent, watcher, open };
}

describe('HandoffWatcher', () => {
  it('sends the "not forgotten" template once, shortly before an unanswered WhatsApp window closes', async () => {
    const { clock, sent, watcher, open, queue } = setup();
    const closing = await open({ channel: 'whatsapp', userId: 'wa1', windowClosesAt: clock.now + 3 * 3600_000 });
    await queue.recordUserMessage(closing.id, { text: 'hello?' }, clock.now + 3 * 3600_000);
    await open({ channel: 'whatsapp', userId: 'wa2', windowClosesAt: clock.now + 20 * 3600_000 });
    await watcher.tick();
    expect(sent).toEqual([]);
    clock.now += 2 * 3600_000 + MIN; // 59 minutes before closing
    await watcher.tick();
    await watcher.tick();
    expect(sent).toEqual([{ kind: 'reminder', userId: 'wa1' }]);
    clock.now += 2 * 3600_000; // closed: nothing more
    await watcher.tick();
    expect(sent).toHaveLength(1);
  });

  it('sends no reminder when a caseworker answered after the last user message', async () => {
    const { clock, sent, watcher, open, queue } = setup();
    const t = await open({ channel: 'whatsapp', userId: 'wa3', windowClosesAt: clock.now + 30 * MIN });
    await queue.recordUserMessage(t.id, { text: 'hi' });
    await queue.claim(t.id, 'amina');
    await queue.recordCaseworkerMessage(t.id, 'amina', 'hello', 'sent');
    await watcher.tick();
    expect(sent.filter((s) => s.kind === 'reminder')).toEqual([]);
  });

  it('tells a waiting user their new place when it improved a lot, at most every five minutes', async () => {
    const { clock, sent, watcher, open, queue } = setup();
    const ahead = [];
    for (let i = 0; i < 6; i++) ahead.push(await open());
    const me = await open({ userId: 'me' });
    await watcher.tick(); // place 7 noted, nothing sent
    await queue.claim(ahead[0]!.id, 'a');
    await queue.claim(ahead[1]!.id, 'b');
    await queue.claim(ahead[2]!.id, 'c');
    await watcher.tick(); // place 4, but too soon
    expect(sent.filter((s) => s.userId === 'me')).toEqual([]);
    clock.now += 5 * MIN;
    await watcher.tick();
    expect(sent.filter((s) => s.userId === 'me').map((s) => s.text)).toEqual(['You are now number 4 in the queue.']);
    clock.now += 5 * MIN;
    await queue.claim(ahead[3]!.id, 'd'); // 4 → 3: not a big change
    await watcher.tick();
    expect(sent.filter((s) => s.userId === 'me')).toHaveLength(1);
    expect((await queue.transcript(me.id)).map((l) => l.text)).toContain('You are now number 4 in the queue.');
  });

  it('with auto-assignment, gives waiting tickets to caseworkers whose console is open and tells the user', async () => {
    const { sent, watcher, open, queue } = setup({ autoAssign: true });
    const t = await open({ userId: 'auto' });
    await watcher.tick();
    expect((await queue.get(t.id))?.status).toBe('waiting');
    await queue.heartbeat('amina');
    await watcher.tick();
    expect(await queue.get(t.id)).toMatchObject({ status: 'assigned', assignee: 'amina' });
    expect(sent.filter((s) => s.userId === 'auto').map((s) => s.text)).toEqual([expect.stringContaining('team member is now reading')]);
  });

  it('requeues tickets whose caseworker vanished', async () => {
    const { clock, watcher, open, queue } = setup();
    const t = await open();
    await queue.claim(t.id, 'amina');
    clock.now += 10 * MIN + 1;
    await watcher.tick();
    expect((await queue.get(t.id))?.status).toBe('waiting');
  });
});
