import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The application's Prometheus metrics, on their own registry (no global state, so tests can build several). */
export interface AppMetrics {
  readonly registry: Registry;
  /** Turns run, by channel and outcome ('ok' | 'failed'). */
  readonly turns: Counter<'channel' | 'outcome'>;
  /** Time from a message's arrival to the end of its turn, in seconds, by channel. */
  readonly turnSeconds: Histogram<'channel'>;
  /** Inbound messages by channel and enqueue outcome ('queued' | 'duplicate' | 'full'). */
  readonly inbound: Counter<'channel' | 'result'>;
  /** WhatsApp webhook messages acknowledged without a turn, by reason (see webhookTriage.ts IGNORED_REASONS). */
  readonly whatsappIgnored: Counter<'reason'>;
  /** Emergency replies, by situation category and source ('detector' rules | 'learned' layer | 'matcher'); never any text. */
  readonly safetyDetections: Counter<'category' | 'source'>;
  /**
   * Replies sent again although the channel may already have accepted them, by channel and cause ('timeout':
   * no answer to the request; 'interrupted': a crash cut the attempt short). The only source of duplicates.
   */
  readonly ambiguousResends: Counter<'channel' | 'cause'>;
  /** Errors caught by the last-resort process handler, by kind; anything but 0 is a bug. */
  readonly uncaughtErrors: Counter<'kind'>;
  /** Requests refused by an abuse limit, by limit name. */
  readonly rateLimited: Counter<'limit'>;
}

/**
 * Creates the registry with Node's default metrics plus ours. A turn worker thread passes `defaults: false`: the
 * process metrics (CPU, RSS, handles) are the whole process's and the main thread reports them once; summed over
 * the threads by the aggregation (aggregatedMetrics.ts) they would count the process several times.
 */
export function createMetrics(options: { readonly defaults?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (options.defaults ?? true) collectDefaultMetrics({ register: registry, prefix: 'tdu_' });
  return {
    registry,
    turns: new Counter({ name: 'tdu_turns_total', help: 'Bot turns run', labelNames: ['channel', 'outcome'], registers: [registry] }),
    turnSeconds: new Histogram({
      name: 'tdu_turn_seconds',
      help: 'Seconds from arrival to the end of the turn',
      labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
    inbound: new Counter({ name: 'tdu_inbound_total', help: 'Inbound messages', labelNames: ['channel', 'result'], registers: [registry] }),
    whatsappIgnored: new Counter({
      name: 'tdu_whatsapp_ignored_total',
      help: 'WhatsApp messages acknowledged without an answer (other business number, group, revoke, edit, system notice)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    safetyDetections: new Counter({
      name: 'tdu_safety_detections_total',
      help: 'Emergency replies sent, by situation category and by what recognised it',
      labelNames: ['category', 'source'],
      registers: [registry],
    }),
    ambiguousResends: new Counter({
      name: 'tdu_outbound_ambiguous_resends_total',
      help: 'Replies sent again after an attempt whose result is unknown (timeout, crash): possible duplicates',
      labelNames: ['channel', 'cause'],
      registers: [registry],
    }),
    uncaughtErrors: new Counter({ name: 'tdu_uncaught_errors_total', help: 'Errors caught by the last-resort handler (bugs)', labelNames: ['kind'], registers: [registry] }),
    rateLimited: new Counter({ name: 'tdu_rate_limited_total', help: 'Requests refused by an abuse limit', labelNames: ['limit'], registers: [registry] }),
  };
}
