import type { Translator } from '../../i18n/i18n.js';
import type { AppLogger } from '../../observability/logger.js';
import { HandoffQueue } from './handoffQueue.js';
import type { HandoffTicket } from './handoffTicket.js';
import type { UserMessenger } from './userMessenger.js';

/** Options of {@link HandoffWatcher}; durations in ms. */
export interface HandoffWatcherDeps {
  readonly queue: HandoffQueue;
  readonly messenger: UserMessenger;
  readonly translator: Translator;
  readonly logger: AppLogger;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
  /** Least time between two place updates to one user, default 300 000 (5 min). */
  readonly updateIntervalMs?: number;
  /** Send the "not forgotten" template this long before a WhatsApp window closes without a reply, default 3 600 000. */
  readonly reminderBeforeMs?: number;
  /** Give waiting tickets to available caseworkers automatically (HANDOFF_AUTO_ASSIGN), default false. */
  readonly autoAssign?: boolean;
}

/**
 * The queue's background duties, run every few seconds on every instance (each step is atomic, so instances do not
 * clash): requeue tickets whose caseworker vanished or stayed silent, optionally give waiting tickets to the least
 * loaded available caseworker (when someone comes online or frees up), erase ended tickets past their lifetime, tell
 * waiting users when their place improved a lot (at most every few minutes), and send the WhatsApp "we have not
 * forgotten you" template once when a window is about to close with no caseworker reply.
 */
export class HandoffWatcher {
  private readonly now: () => number;
  private readonly updateIntervalMs: number;
  private readonly reminderBeforeMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: HandoffWatcherDeps) {
    this.now = deps.now ?? Date.now;
    this.updateIntervalMs = deps.updateIntervalMs ?? 300_000;
    this.reminderBeforeMs = deps.reminderBeforeMs ?? 3_600_000;
  }

  /** Runs {@link tick} every `intervalMs` (default 15 000) until {@link stop}. */
  start(intervalMs = 15_000): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.tick()
        .catch((err: Error) => this.deps.logger.warn({ err: { name: err.name, message: err.message } }, 'handoff watcher tick failed'))
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round of duties. */
  async tick(): Promise<void> {
    const { requeued } = await this.deps.queue.sweep();
    if (requeued.length > 0) this.deps.logger.info({ tickets: requeued }, 'handoff tickets back in the queue (lease lost or caseworker silent)');
    if (this.deps.autoAssign) {
      for (const { ticket, caseworker } of await this.deps.queue.assignWaiting()) {
        this.deps.logger.info({ ticket: ticket.id, caseworker }, 'handoff ticket assigned automatically');
        const text = this.deps.translator.forLanguage(ticket.language)('handoff.assigned');
        if ((await this.deps.messenger.send(ticket, text, `handoff:${ticket.id}:assigned:${ticket.assignedAt}`)) === 'sent') await this.deps.queue.recordBotMessage(ticket.id, text);
      }
    }
    const waiting = await this.deps.queue.waiting();
    for (const [index, ticket] of waiting.entries()) await this.updatePlace(ticket, index + 1);
    for (const ticket of await this.deps.queue.list('all', '')) await this.remind(ticket);
  }

  /**
   * Tells the user their new place when it improved by at least a third (and 2 places), at most every few minutes.
   * The last told place lives on the ticket in the store, and is claimed there before sending, so of several
   * instances exactly one tells each update, and a restarted one goes on from what was told.
   */
  private async updatePlace(ticket: HandoffTicket, place: number): Promise<void> {
    const now = this.now();
    const last = HandoffQueue.lastToldPlace(ticket);
    if (!last) {
      // Not told in this waiting spell (e.g. back in the queue after a lost lease): the baseline, nothing sent.
      await this.deps.queue.markPlaceTold(ticket, place, undefined);
      return;
    }
    const improved = last.place - place >= Math.max(2, Math.ceil(last.place / 3));
    if (!improved || now - last.at < this.updateIntervalMs) return;
    if (!(await this.deps.queue.markPlaceTold(ticket, place, last.at))) return; // another instance tells it
    const t = this.deps.translator.forLanguage(ticket.language);
    const text = t('handoff.update', { place });
    const delivery = await this.deps.messenger.send(ticket, text, `handoff:${ticket.id}:place:${ticket.waitingSince}:${place}`);
    if (delivery === 'sent') await this.deps.queue.recordBotMessage(ticket.id, text);
  }

  /** WhatsApp: once per window, the "not forgotten" template shortly before it closes when no caseworker answered. */
  private async remind(ticket: HandoffTicket): Promise<void> {
    if (ticket.channel !== 'whatsapp' || ticket.windowClosesAt === undefined) return;
    if (ticket.status !== 'waiting' && ticket.status !== 'assigned' && ticket.status !== 'transferred') return;
    const now = this.now();
    const closesIn = ticket.windowClosesAt - now;
    if (closesIn <= 0 || closesIn > this.reminderBeforeMs) return;
    const answered = ticket.lastCaseworkerReplyAt !== undefined && ticket.lastCaseworkerReplyAt >= (ticket.lastUserMessageAt ?? 0);
    if (answered || ticket.reminderSentFor === ticket.windowClosesAt) return;
    if (!(await this.deps.queue.markReminderSent(ticket.id, ticket.windowClosesAt))) return;
    const delivery = await this.deps.messenger.sendReminder(ticket, `handoff:${ticket.id}:reminder:${ticket.windowClosesAt}`);
    this.deps.logger.info({ ticket: ticket.id, delivery }, 'handoff window reminder');
    if (delivery === 'sent') await this.deps.queue.recordBotMessage(ticket.id, '(template) not forgotten');
  }
}
