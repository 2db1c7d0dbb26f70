// A turn worker thread (WORKERS > 1): only the turn path. No HTTP server, console, web chat page, handoff watcher
// or reminders: those run in the instance's main thread, which this thread talks to through its port.
import type { Config } from '../config/config.js';
import { MODEL_REQUEST } from '../domain/nlu/modelTrainer.js';
import { SAFETY_MODEL_REQUEST } from '../domain/safety/safetyModelRequest.js';
import { installLastResortHandlers } from '../observability/lastResortHandler.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { crashHook } from '../pipeline/crashPoint.js';
import type { TurnThreadPort } from '../pipeline/turnThreadPort.js';
import { noRoutes } from './channelParts.js';
import { buildInstanceCore } from './instanceCore.js';
import { buildTurnSide } from './turnSide.js';

/** How long a thread waits for its instance's models before training its own (training takes seconds under load). */
const MODEL_WAIT_MS = 120_000;

/** Builds the turn path in this thread, starts claiming, and answers the instance's stop and collect messages. */
export async function runTurnThread(config: Config, thread: TurnThreadPort): Promise<void> {
  const logger = createLogger({ level: config.LOG_LEVEL }).child({ thread: thread.threadId });
  // A thread's process metrics would repeat the main thread's: only its own counters go to /metrics.
  const metrics = config.METRICS_ENABLED ? createMetrics({ defaults: false }) : undefined;
  installLastResortHandlers({ logger, counter: metrics?.uncaughtErrors });
  const core = await buildInstanceCore(config, logger, metrics);
  // Only the first thread of slot 0 gets the crash point (turnThreads.ts), so a test sees one die and come back.
  const { worker } = await buildTurnSide(core, {
    routes: noRoutes(),
    model: { request: (body) => thread.request(MODEL_REQUEST, body, MODEL_WAIT_MS) },
    safetyModel: (set) => thread.request(SAFETY_MODEL_REQUEST, set, MODEL_WAIT_MS),
    crash: crashHook(thread.data.crashAt),
  });
  worker.start();
  thread.ready(); // the instance's /readyz says ready once every thread claims
  logger.info({ worker: thread.data.slot }, 'turn worker thread running');
  let stopping = false;
  // Signals reach the main thread only; it asks each thread to stop (TurnThreads.stop).
  thread.listen({
    onStop: async () => {
      if (stopping) return;
      stopping = true;
      logger.info({ reason: 'instance stopping' }, 'turn worker thread stopping: finishing turns and deliveries in flight');
      await worker.stop();
      await core.close();
      process.exit(0); // in a thread: ends this thread only
    },
    collect: async (kind) => (kind === 'metrics' ? metrics?.registry.getMetricsAsJSON() : undefined),
  });
}
