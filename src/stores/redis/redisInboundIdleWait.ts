import { EventEmitter } from 'node:events';
import type { RedisClient } from './redisConnection.js';

/** Options of {@link RedisInboundIdleWait}. */
export interface InboundIdleWaitOptions {
  readonly client: RedisClient;
  /** Pub/sub channels (from redisKeys): claimers announce on `idle`, enqueuers signal on `wake`. */
  readonly channels: { readonly idle: string; readonly wake: string };
  /** Wait after a claim that found nothing, in ms, until the wake signal is in place (see {@link RedisInboundIdleWait.wait}). */
  readonly basePollMs: number;
  /** Longest wait between two claims while idle, in ms (the bound for work no signal announces, e.g. a lease running out). */
  readonly maxPollMs: number;
}

/**
 * When a claimer of the Redis inbound queue looks again after a claim found nothing, and what wakes it earlier.
 *
 * - Back-off: once claims have found nothing for the base interval, the claimer announces itself idle and keeps
 *   the base interval until the announcement is confirmed and one more claim has looked; then it waits
 *   `maxPollMs`, so an idle process sends one claim round per `maxPollMs` instead of one per base interval.
 * - Same process: an enqueue, ack or release wakes waiting claimers at once (an EventEmitter); a delayed release
 *   wakes them when it falls due.
 * - Other processes and instances: Redis pub/sub. A claimer idle for the base interval PUBLISHes once on `idle`
 *   (after subscribing); an enqueuer PUBLISHes on `wake` only if it heard such an announcement since its
 *   last wake, so under load (claims find work, nobody announces) it costs no command at all. A woken claimer
 *   announces again before its next long sleep.
 *
 * Nothing depends on a signal arriving: a missed one (Redis reconnecting, or an enqueue in the very moment a
 * claimer announces) costs at most one wait, because claimers keep polling. Classic PUBLISH reaches every node of
 * a Redis Cluster, so each subscriber may sit on any node. Order and exactly-once stay the claim scripts' job.
 */
export class RedisInboundIdleWait {
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly options: InboundIdleWaitOptions;
  private subscriber: RedisClient | undefined;
  /** Resolves once SUBSCRIBE succeeded (an announcement before it could miss its own wake). */
  private subscribed: Promise<void> | undefined;
  /** Whether some claimer may sleep since our last wake: true until we know better, so no start-up race. */
  private sleepersMayWait = true;
  /** When the current spell of empty claims began (undefined while claims find work). */
  private emptySince: number | undefined;
  /** Whether this claimer announced itself idle since it last found work or was woken. */
  private announced = false;
  /** Waits begun since the announcement was confirmed (PUBLISH answered); undefined until then. */
  private waitsSinceConfirmed: number | undefined;
  private closed = false;

  constructor(options: InboundIdleWaitOptions) {
    this.options = { ...options, maxPollMs: Math.max(options.basePollMs, options.maxPollMs) };
  }

  /** A claim found work: the next empty claim starts a new idle spell at the base interval. */
  claimed(): void {
    this.emptySince = undefined;
    this.announced = false;
    this.waitsSinceConfirmed = undefined;
  }

  /** This process enqueued a message: wakes its own claimers, and the sleeping ones elsewhere if any announced. */
  enqueued(): void {
    this.notify();
    if (this.closed) return;
    this.ensureSubscriber();
    if (!this.sleepersMayWait) return;
    this.sleepersMayWait = false;
    this.options.client.publish(this.options.channels.wake, '1').catch(() => {
      this.sleepersMayWait = true;
    });
  }

  /** A conversation may be claimable now (ack, release, requeue) or after `inMs` (a delayed release). */
  notify(inMs = 0): void {
    if (inMs <= 0) this.local.emit('work');
    else setTimeout(() => this.local.emit('work'), inMs).unref();
  }

  /**
   * Called after a claim found nothing: resolves when this process has new work, another process signals an
   * enqueue, or the wait (never more than `timeoutMs`) has passed. The wait is the base interval until claims
   * have found nothing for that long, this claimer's idle announcement is confirmed and one more claim has
   * looked after it (an enqueue that raced the announcement is found by that claim); then it is `maxPollMs`.
   */
  wait(timeoutMs: number): Promise<void> {
    const now = Date.now();
    this.emptySince ??= now;
    // Not on the first empty claim: under load a claim finds nothing for a moment, and should cost no signal.
    if (!this.announced && now - this.emptySince >= this.options.basePollMs) this.announceIdle();
    let waitMs = this.options.basePollMs;
    if (this.waitsSinceConfirmed !== undefined && ++this.waitsSinceConfirmed >= 2) waitMs = this.options.maxPollMs;
    waitMs = Math.max(0, Math.min(timeoutMs, waitMs));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.local.off('work', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.local.on('work', done);
    });
  }

  /** Closes the subscriber connection (also done when the shared client ends). */
  close(): void {
    this.closed = true;
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }

  private announceIdle(): void {
    this.announced = true;
    this.waitsSinceConfirmed = undefined;
    if (this.closed) return;
    this.ensureSubscriber()
      .then(() => this.options.client.publish(this.options.channels.idle, '1'))
      .then(() => {
        // Still the same idle spell (no work found, no wake meanwhile): the long waits may begin.
        if (this.announced && this.waitsSinceConfirmed === undefined) this.waitsSinceConfirmed = 0;
      })
      .catch(() => {
        // Redis unreachable: this claimer keeps polling at the base interval.
      });
  }

  private ensureSubscriber(): Promise<void> {
    if (this.subscribed) return this.subscribed;
    const { idle, wake } = this.options.channels;
    const subscriber = this.options.client.duplicate();
    this.subscriber = subscriber;
    // The stores close the shared client on shutdown; the subscriber goes with it.
    this.options.client.once('end', () => this.close());
    subscriber.on('error', () => {
      // ioredis reconnects by itself; readiness reports the store's health, the poll covers the gap.
    });
    subscriber.on('message', (channel: string) => {
      if (channel === idle) this.sleepersMayWait = true;
      if (channel !== wake) return;
      // Another claimer may take the work: this one announces again before it sleeps long.
      this.announced = false;
      this.waitsSinceConfirmed = undefined;
      this.local.emit('work');
    });
    // After a reconnect, announcements made meanwhile were missed: assume someone sleeps.
    let connections = 0;
    subscriber.on('ready', () => {
      if (++connections > 1) this.sleepersMayWait = true;
    });
    const attempt = () => subscriber.subscribe(idle, wake).then(() => undefined);
    this.subscribed = attempt().catch(async () => {
      // Not reachable yet: try again once the connection is ready (ioredis re-subscribes by itself after that).
      await new Promise((resolve) => subscriber.once('ready', resolve));
      await attempt();
    });
    this.subscribed.catch(() => {});
    return this.subscribed;
  }
}
