import type { Counter } from 'prom-client';
import { describeError } from './describeError.js';
import type { AppLogger } from './logger.js';

/** Which process event caught the error. */
export type LastResortKind = 'uncaughtException' | 'unhandledRejection';

/** Dependencies of {@link installLastResortHandlers}. */
export interface LastResortDeps {
  readonly logger: AppLogger;
  /** Counts each caught error by kind (`tdu_uncaught_errors_total`); optional when metrics are off. */
  readonly counter?: Counter<'kind'>;
  /** The process to watch (default `process`); tests pass an EventEmitter. */
  readonly target?: Pick<NodeJS.Process, 'on' | 'off'>;
}

/**
 * Installs the last line of defence: an error no part caught (a throw in a callback, a promise nobody
 * awaited) is logged by name and stack frames only — its message may quote user input — and counted, and
 * the process keeps serving everyone else. Every such log line is a bug to fix: tests assert the count stays 0.
 * Returns a function that removes the handlers.
 */
export function installLastResortHandlers(deps: LastResortDeps): () => void {
  const target = deps.target ?? process;
  const handle = (kind: LastResortKind) => (error: unknown) => {
    deps.counter?.inc({ kind });
    deps.logger.error({ event: 'process.last_resort', kind, err: describeError(error) }, `${kind} caught by the last-resort handler (a bug: please report it)`);
  };
  const onException = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
