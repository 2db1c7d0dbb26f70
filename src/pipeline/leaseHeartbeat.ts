import type { AppLogger } from '../observability/logger.js';
import { describeError } from '../observability/describeError.js';
import type { InboundLease, InboundQueue } from '../stores/types.js';

/** What {@link withLeaseHeartbeat} extends, how often, and where it reports (log context: masked ids only). */
export interface LeaseHeartbeat {
  readonly queue: Pick<InboundQueue, 'extend'>;
  readonly lease: InboundLease;
  /** The lease's length from each extension, in ms. */
  readonly leaseMs: number;
  /** How often it is extended, in ms. */
  readonly everyMs: number;
  readonly logger: AppLogger;
  readonly context: Record<string, unknown>;
}

/**
 * Runs `work` while extending the lease every `everyMs`, so a slow turn or delivery is not handed to a second worker.
 * A lease found lost is logged once (the message may be processed twice); a failed extension is logged and retried.
 */
export async function withLeaseHeartbeat(heartbeat: LeaseHeartbeat, work: () => Promise<void>): Promise<void> {
  const { queue, lease, leaseMs, everyMs, logger, context } = heartbeat;
  let warned = false;
  const timer = setInterval(() => {
    queue.extend(lease, leaseMs).then(
      (current) => {
        if (current || warned) return;
        warned = true;
        logger.warn(context, 'turn outlived its lease; the message may be processed twice');
      },
      (error: unknown) => logger.warn({ ...context, err: describeError(error) }, 'could not extend the lease of a running turn'),
    );
  }, everyMs);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
}
