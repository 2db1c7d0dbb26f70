import type { Translator } from '../../i18n/i18n.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AppointmentStore, DueReminder } from '../../stores/appointmentStore.js';
import type { AppointmentNotifier, AppointmentNotice } from './appointmentNotifier.js';
import { bookingFacts } from './appointmentMessages.js';
import type { OrientationPoints } from './orientationPointsStore.js';

/** Dependencies of {@link ReminderWorker}. */
export interface ReminderWorkerDeps {
  readonly store: AppointmentStore;
  readonly points: OrientationPoints;
  readonly translator: Translator;
  readonly notifier: AppointmentNotifier;
  readonly logger: Pick<AppLogger, 'info' | 'warn' | 'error'>;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
  /** How long a taken reminder is reserved for this worker before another may retry it, in ms, default 5 min. */
  readonly leaseMs?: number;
  /** Reminders taken per round, default 20. */
  readonly batchSize?: number;
}

/**
 * Sends due reminders (scheduled in the store's sorted set when a booking is made), on the person's channel,
 * with one-tap confirm / move / cancel. Several workers may run: each reminder is leased to one, acknowledged
 * once handed to the channel, and retried by any worker after the lease if it never was (a crash, a restart).
 * Cancelled and moved bookings have no reminders left. Each round also deletes bookings past their lifetime.
 */
export class ReminderWorker {
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly deps: ReminderWorkerDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** One round: sends what is due; returns how many reminders were handed to a channel. */
  async runOnce(): Promise<number> {
    const due = await this.deps.store.takeDueReminders(this.now(), this.deps.leaseMs ?? 5 * 60_000, this.deps.batchSize ?? 20);
    let sent = 0;
    for (const reminder of due) {
      try {
        if (await this.send(reminder)) sent += 1;
        await this.deps.store.ackReminder(reminder);
      } catch (err) {
        // Left leased: another round (here or on another instance) retries it after the lease.
        this.deps.logger.warn({ event: 'appointments.reminder_failed', ref: reminder.ref, kind: reminder.kind, err: { name: (err as Error).name } }, 'reminder not sent, will retry');
      }
    }
    const settings = this.deps.points.current().settings;
    await this.deps.store.purge(this.now() - settings.retentionDays * 24 * 3600_000);
    return sent;
  }

  /** Runs a round every `pollMs` until {@link stop}. */
  start(pollMs: number): void {
    const loop = () => {
      if (this.stopped) return;
      this.running = this.runOnce()
        .catch((err: Error) => this.deps.logger.error({ event: 'appointments.reminder_round_failed', err: { name: err.name } }, 'reminder round failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, pollMs);
        });
    };
    loop();
  }

  /** Stops polling and waits for the round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async send(reminder: DueReminder): Promise<boolean> {
    const booking = await this.deps.store.get(reminder.ref);
    if (!booking || booking.status !== 'booked' || !booking.contact) return false;
    const lang = booking.contact.lang;
    const t = this.deps.translator.forLanguage(lang);
    const facts = bookingFacts(booking, this.deps.points.point(booking.pointId), lang);
    const notice: AppointmentNotice = {
      lang,
      text: t(`booking.reminder.${reminder.kind}`, facts),
      buttons: [
        { title: t('booking.button.willCome'), value: `appt:confirm:${booking.ref}` },
        { title: t('booking.button.move'), value: `appt:move:${booking.ref}` },
        { title: t('booking.button.cancelAppointment'), value: `appt:cancel:${booking.ref}` },
      ],
      templateParams: [facts.date, facts.time, facts.point, facts.ref],
    };
    const outcome = await this.deps.notifier.notify(booking.contact, notice, `reminder:${booking.ref}:${reminder.kind}`);
    this.deps.logger.info({ event: 'appointments.reminder', ref: booking.ref, kind: reminder.kind, channel: booking.contact.channel, outcome }, 'reminder handed to the channel');
    return outcome !== 'unreachable';
  }
}
