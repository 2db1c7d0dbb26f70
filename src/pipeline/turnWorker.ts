import { EventEmitter } from 'node:events';
import type { AppLogger } from '../observability/logger.js';
import type { AppMetrics } from '../observability/metrics.js';
import type { CrashHook } from './crashPoint.js';
import { describeError } from '../observability/describeError.js';
import { maskId } from '../observability/redactPersonalData.js';
import { logHash } from '../observability/logHash.js';
import type { DeadLetterReason, InboundLease, InboundQueue } from '../stores/types.js';
import { PermanentTurnError, type ChannelTurnHandler, type DeliveryRecords, type TurnDelivery, type TurnHandler } from './turnHandler.js';
import { SendPool } from './sendPool.js';
import { withLeaseHeartbeat } from './leaseHeartbeat.js';

// The handler contract lives in turnHandler.ts; channels import it from here too.
export { PermanentTurnError, type ChannelTurnHandler, type DeliveryRecords, type TurnDelivery, type TurnHandler, type TurnHints } from './turnHandler.js';

/** Options of {@link TurnWorker}. */
export interface TurnWorkerOptions {
  readonly queue: InboundQueue;
  /** Turn handler per `message.channel` (`whatsapp`, `webchat`, ...). A message of another channel is dead-lettered. */
  readonly handlers: Readonly<Record<string, TurnHandler | ChannelTurnHandler>>;
  /** Identifies this worker in lease ids (e.g. host name and pid). */
  readonly workerId: string;
  readonly logger: AppLogger;
  /** Turns run at the same time (always of different conversations); default 8. */
  readonly concurrency?: number;
  /**
   * Deliveries (a turn's replies going out, see {@link TurnDelivery}) run at the same time, apart from the turn
   * slots, so a slow Graph API does not hold turns back (config SEND_CONCURRENCY); default 32. As many decided
   * turns again may wait for a send slot; past that the worker stops claiming.
   */
  readonly sendConcurrency?: number;
  /** How long a claim lasts before another worker may take the message, in ms; default 60 000. */
  readonly leaseMs?: number;
  /** Claims of one message after which a failing message is dead-lettered (config TURN_MAX_ATTEMPTS); default 5. */
  readonly maxDeliveries?: number;
  /**
   * Delay before a failed message is retried, in ms, doubled on each retry and capped at `leaseMs`
   * (config TURN_RETRY_DELAY_MS); default 1 000.
   */
  readonly retryDelayMs?: number;
  /** Longest wait for new work between two claims, in ms; default 1 000 (the queue usually wakes the worker earlier). */
  readonly idleWaitMs?: number;
  /** How often a running turn's lease is extended, in ms; default a third of `leaseMs`. */
  readonly heartbeatMs?: number;
  /** Counts turns by channel and outcome when given. */
  readonly metrics?: Pick<AppMetrics, 'turns'>;
  /** Test-only crash points (config TEST_CRASH_AT); this worker calls `afterClaim`. */
  readonly crash?: CrashHook;
}

/** Events of {@link TurnWorker}, for tests and metrics. */
export interface TurnWorkerEvents {
  /** The handler resolved and the message was acked. */
  processed: [lease: InboundLease];
  /** The handler rejected; the message is released for a retry or dead-lettered right after. */
  failed: [lease: InboundLease, error: unknown];
  /** The message was moved to the dead-letter list. */
  deadLettered: [lease: InboundLease, reason: DeadLetterReason];
}

/**
 * Claims inbound messages from the queue and runs their turns: up to `concurrency` at once, one at a time
 * per conversation (the queue guarantees it), acking after the handler resolves. A failing turn is retried
 * with backoff until `maxDeliveries` claims, then dead-lettered so it never blocks its conversation.
 * Logs carry masked ids, never the payload.
 */
export class TurnWorker extends EventEmitter<TurnWorkerEvents> {
  private readonly queue: InboundQueue;
  private readonly handlers: Readonly<Record<string, TurnHandler | ChannelTurnHandler>>;
  private readonly workerId: string;
  private readonly logger: AppLogger;
  private readonly concurrency: number;
  private readonly sendConcurrency: number;
  private readonly leaseMs: number;
  private readonly maxDeliveries: number;
  private readonly retryDelayMs: number;
  private readonly idleWaitMs: number;
  private readonly heartbeatMs: number;
  private readonly metrics: Pick<AppMetrics, 'turns'> | undefined;
  private readonly crash: CrashHook;
  private readonly inFlight = new Set<Promise<void>>();
  /** Turns in a turn slot now (the rest of `inFlight` is delivering or waiting for a send slot). */
  private turning = 0;
  private readonly sends: SendPool;
  private running = false;
  private loop: Promise<void> | undefined;
  /** Wakes the claim loop when a slot frees or `stop()` is called. */
  private wake: (() => void) | undefined;

  constructor(options: TurnWorkerOptions) {
    super();
    this.queue = options.queue;
    this.handlers = options.handlers;
    this.workerId = options.workerId;
    this.logger = options.logger;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.sendConcurrency = Math.max(1, options.sendConcurrency ?? 32);
    this.sends = new SendPool(this.sendConcurrency);
    this.leaseMs = options.leaseMs ?? 60_000;
    this.maxDeliveries = Math.max(1, options.maxDeliveries ?? 5);
    this.retryDelayMs = options.retryDelayMs ?? 1_000;
    this.idleWaitMs = options.idleWaitMs ?? 1_000;
    this.heartbeatMs = Math.max(1, options.heartbeatMs ?? Math.floor(this.leaseMs / 3));
    this.metrics = options.metrics;
    this.crash = options.crash ?? (() => {});
  }

  /** Starts claiming. Calling it twice has no effect. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.claimLoop();
  }

  /** Stops claiming and resolves once the turns in flight have finished (for SIGTERM). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    await Promise.all([...this.inFlight]);
  }

  /** Messages claimed and not yet finished (turning, delivering, or waiting for a send slot). */
  get active(): number {
    return this.inFlight.size;
  }

  /** Whether a new claim must wait: every turn slot is taken, or the send pool and its waiting line are full. */
  private get saturated(): boolean {
    return this.turning >= this.concurrency || this.inFlight.size - this.turning >= 2 * this.sendConcurrency;
  }

  private async claimLoop(): Promise<void> {
    while (this.running) {
      if (this.saturated) {
        await this.interruptible(new Promise<void>(() => {}));
        continue;
      }
      let lease: InboundLease | null;
      try {
        lease = await this.queue.claim(this.workerId, this.leaseMs);
      } catch (error) {
        this.logger.error({ err: describeError(error) }, 'inbound queue claim failed; retrying');
        await this.interruptible(delay(this.idleWaitMs));
        continue;
      }
      if (!lease) {
        await this.interruptible(this.queue.waitForWork(this.idleWaitMs));
        continue;
      }
      this.turning++;
      const turn = this.runTurn(lease).finally(() => {
        this.inFlight.delete(turn);
        this.wake?.();
      });
      this.inFlight.add(turn);
    }
  }

  /** Waits for `promise`, a freed slot or `stop()`, whichever comes first. */
  private async interruptible(promise: Promise<void>): Promise<void> {
    if (!this.running) return;
    await Promise.race([promise, new Promise<void>((resolve) => (this.wake = resolve))]);
    this.wake = undefined;
  }

  private async runTurn(lease: InboundLease): Promise<void> {
    let inTurnSlot = true;
    /** Frees this turn's slot, once, when its logic is done (before its delivery) or on any other way out. */
    const leaveTurnSlot = () => {
      if (!inTurnSlot) return;
      inTurnSlot = false;
      this.turning--;
      this.wake?.();
    };
    try {
      await this.runClaimed(lease, leaveTurnSlot);
    } finally {
      leaveTurnSlot();
    }
  }

  private async runClaimed(lease: InboundLease, leaveTurnSlot: () => void): Promise<void> {
    this.crash('afterClaim');
    const { message } = lease;
    const context = {
      messageId: logHash(message.id),
      conversation: maskId(message.conversationKey),
      channel: message.channel,
      redeliveries: lease.redeliveries,
    };
    try {
      const registered = Object.hasOwn(this.handlers, message.channel) ? this.handlers[message.channel] : undefined;
      if (!registered) {
        this.logger.error(context, 'no turn handler for this channel; dead-lettering the message');
        await this.giveUp(lease, 'unknownChannel');
        return;
      }
      const handler: ChannelTurnHandler = typeof registered === 'function' ? { run: registered } : registered;
      // A message whose earlier claims all died with their worker (e.g. it crashes the process) is not tried again.
      if (lease.redeliveries >= this.maxDeliveries) {
        this.logger.error(context, 'message delivered too often; dead-lettering it');
        await this.giveUp(lease, 'maxDeliveries', undefined, handler);
        return;
      }
      let records: DeliveryRecords | void = undefined;
      try {
        await this.withHeartbeat(lease, context, async () => {
          const delivery = await handler.run(message, lease, { sendSlotFree: this.sends.slotFree }).finally(leaveTurnSlot);
          if (delivery) records = await this.inSendSlot(delivery);
        });
      } catch (error) {
        this.metrics?.turns.inc({ channel: message.channel, outcome: 'failed' });
        await this.onHandlerError(lease, error, context, handler);
        return;
      }
      this.metrics?.turns.inc({ channel: message.channel, outcome: 'ok' });
      // The ack goes out beside the delivery's records and, where the queue keeps the order of what is sent after it
      // (one Redis connection), with the clean-up right behind it: one wait on the store for the three.
      const acked = this.queue.ack(lease);
      const cleanUp = () =>
        handler.afterAck?.(message).catch((error: unknown) => {
          this.logger.warn({ ...context, err: describeError(error) }, 'clean-up after the ack failed (the stored outcome expires by itself)');
        });
      const cleaning = this.queue.ackOrder === 'issued' ? cleanUp() : undefined;
      const recorded = (records as DeliveryRecords | void)?.settled.catch((error: unknown) => {
        this.logger.warn({ ...context, err: describeError(error) }, 'a sent reply was not recorded (harmless once the message is acked)');
      });
      await acked;
      this.emit('processed', lease);
      await Promise.all([cleaning ?? cleanUp(), recorded]);
    } catch (error) {
      // The queue itself failed (e.g. Redis down): the lease runs out and the message is delivered again.
      this.logger.error({ ...context, err: describeError(error) }, 'inbound queue update failed; the message will be redelivered');
    }
  }

  /** Runs `delivery` once a send slot is free (in claim order), then wakes the claim loop (a waiting line shortened). */
  private async inSendSlot(delivery: TurnDelivery): Promise<void | DeliveryRecords> {
    try {
      return await this.sends.run(delivery);
    } finally {
      this.wake?.();
    }
  }

  /** Keeps the lease alive while `turn` runs, so a slow turn is not handed to a second worker. */
  private withHeartbeat(lease: InboundLease, context: Record<string, unknown>, turn: () => Promise<void>): Promise<void> {
    return withLeaseHeartbeat({ queue: this.queue, lease, leaseMs: this.leaseMs, everyMs: this.heartbeatMs, logger: this.logger, context }, turn);
  }

  private async onHandlerError(lease: InboundLease, error: unknown, context: Record<string, unknown>, handler: ChannelTurnHandler): Promise<void> {
    const deliveries = lease.redeliveries + 1;
    const permanent = error instanceof PermanentTurnError;
    const lastTry = permanent || deliveries >= this.maxDeliveries;
    this.logger.warn(
      { ...context, err: describeError(error), deliveries, maxDeliveries: this.maxDeliveries },
      permanent
        ? 'turn cannot succeed; dead-lettering the message'
        : lastTry
          ? 'turn failed for the last time; dead-lettering the message'
          : 'turn failed; the message will be retried',
    );
    this.emit('failed', lease, error);
    if (lastTry) {
      await this.giveUp(lease, permanent ? 'permanent' : 'maxDeliveries', describeError(error).name, handler);
      return;
    }
    const retryInMs = Math.min(this.leaseMs, this.retryDelayMs * 2 ** lease.redeliveries);
    await this.queue.release(lease, retryInMs);
  }

  /** Dead-letters the message and, when it was this worker that did, lets the channel tell the user once. */
  private async giveUp(lease: InboundLease, reason: DeadLetterReason, errorName?: string, handler?: ChannelTurnHandler): Promise<void> {
    if (!(await this.queue.deadLetter(lease, reason, errorName))) return;
    this.emit('deadLettered', lease, reason);
    if (!handler?.onGiveUp || reason === 'permanent') return;
    try {
      await handler.onGiveUp(lease.message, reason);
    } catch (error) {
      this.logger.warn({ messageId: maskId(lease.message.id), err: describeError(error) }, 'could not tell the user that their message failed');
    }
  }
}

/** A pause that does not keep the process alive on its own (the claim loop may be stopped meanwhile). */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
