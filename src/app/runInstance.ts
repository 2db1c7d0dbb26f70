// An instance's main thread: the HTTP side, and either its own TurnWorker (WORKERS = 1) or WORKERS turn worker
// threads. With threads it builds no bot, understander or safety detector (only the trainers of the language model
// and of the safety detector's learned layer, which the threads ask, and which train in short-lived threads), so its
// memory is HTTP, queues and the content.
import { availableParallelism } from 'node:os';
import { turnProcessCount, type Config } from '../config/config.js';
import { MODEL_REQUEST, ModelTrainer } from '../domain/nlu/modelTrainer.js';
import { SAFETY_MODEL_REQUEST } from '../domain/safety/safetyModelRequest.js';
import { SafetyModelTrainer } from '../domain/safety/safetyModelTrainer.js';
import { createHttpServer } from '../http/createHttpServer.js';
import { aggregatedMetrics } from '../observability/aggregatedMetrics.js';
import { installLastResortHandlers } from '../observability/lastResortHandler.js';
import { createLogger } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { crashHook } from '../pipeline/crashPoint.js';
import { TurnThreads } from '../pipeline/turnThreads.js';
import { isStoreUnavailableError } from '../stores/storeUnavailable.js';
import type { Assistant } from '../bot/createAssistantBot.js';
import { buildWhatsApp, noRoutes, NO_TURNS_HERE, type RouteTarget } from './channelParts.js';
import { buildFrontDoor, registerBotFramework } from './frontDoor.js';
import type { TurnSide } from './turnSide.js';
import { buildInstanceCore, understanderOptions } from './instanceCore.js';
import { threadLanguageTraining, threadSafetyTraining, trainBeforeTurnThreads } from './trainingThread.js';

/** Options of {@link runInstance}. */
export interface InstanceOptions {
  /** The script turn worker threads run (this process's own entry). */
  readonly entry: string;
}

/** Builds and starts the instance, listens, and stops it cleanly on SIGTERM / SIGINT. */
export async function runInstance(config: Config, options: InstanceOptions): Promise<void> {
  const workerCount = turnProcessCount(config, availableParallelism());
  const inThreads = workerCount > 1;
  const logger = createLogger({ level: config.LOG_LEVEL });
  const metrics = config.METRICS_ENABLED ? createMetrics({ defaults: true }) : undefined;
  installLastResortHandlers({ logger, counter: metrics?.uncaughtErrors });
  const core = await buildInstanceCore(config, logger, metrics);
  // The language model and the safety detector's learned layer are trained once per content version, each in a
  // short-lived thread whose heap goes with it (trainingThread.ts); turn threads get their weights.
  const trained = (what: string) => (model: { readonly examples: number; readonly trainingMs: number }) => logger.info({ examples: model.examples, trainingMs: Math.round(model.trainingMs) }, `${what} trained`);
  const trainer = new ModelTrainer(understanderOptions(config), threadLanguageTraining(logger), trained('language model'));
  const safetyTrainer = new SafetyModelTrainer(threadSafetyTraining(logger), trained('safety model'));

  let turnThreads: TurnThreads | undefined; // started below, once everything is wired
  const turnWorkersReady = async () => {
    if (turnThreads && !turnThreads.ready) throw new Error('turn worker threads still starting');
  };
  // /metrics counts the turns of the worker threads too (each keeps its own counters; they are summed per scrape).
  const served = metrics && (inThreads ? aggregatedMetrics(metrics.registry, async () => (turnThreads ? turnThreads.collect('metrics') : [])) : metrics.registry);
  const http = createHttpServer({ logger, readiness: [{ name: 'store', check: () => core.stores.ping() }, { name: 'turnWorkers', check: turnWorkersReady }], metrics: served, isUnavailable: isStoreUnavailableError });
  const crash = crashHook(config.TEST_CRASH_AT);
  // The turn path is loaded only where it runs: here with WORKERS = 1; with threads, only if /api/messages gets an
  // activity answered in the response (a rare Bot Framework case), the first time it does.
  let inProcess: TurnSide | undefined;
  let direct: Promise<Assistant> | undefined;
  const cloud = registerBotFramework(core, http, () => (inProcess ? Promise.resolve(inProcess.assistant) : (direct ??= loadTurnSide(noRoutes()).then((side) => side.assistant))));
  const loadTurnSide = async (routes: RouteTarget) => (await import('./turnSide.js')).buildTurnSide(core, { routes, model: { trainer }, safetyModel: (set) => safetyTrainer.answer(set), crash, cloud });
  // Both models trained before any turn is built (in a thread that has exited by then): see trainBeforeTurnThreads.
  const pretrained = trainBeforeTurnThreads(core.content.current(), { language: trainer, safety: safetyTrainer }, understanderOptions(config), logger);
  if (!inThreads) inProcess = await pretrained.then(() => loadTurnSide(http.server));
  const frontDoor = buildFrontDoor(core, { http, whatsapp: inProcess ? inProcess.whatsapp : buildWhatsApp(core, http.server, NO_TURNS_HERE) });

  turnThreads = inThreads
    ? new TurnThreads({
        count: workerCount, entry: options.entry, env: { ...process.env }, logger, crashAt: config.TEST_CRASH_AT,
        youngGenerationMb: config.TURN_THREAD_YOUNG_GEN_MB,
        onRequest: async (kind, body) => (kind === MODEL_REQUEST ? trainer.answer(body) : kind === SAFETY_MODEL_REQUEST ? safetyTrainer.answer(body) : undefined),
      })
    : undefined;
  let stopping = false;
  if (turnThreads) {
    const threads = turnThreads;
    void pretrained.then(() => {
      if (!stopping) threads.start();
    });
  } else inProcess?.worker.start();

  await new Promise<void>((resolve) => http.server.listen(config.PORT, config.HOST, () => resolve()));
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  logger.info({ port: config.PORT, turnWorkers: turnThreads ? workerCount : 'in process' }, 'listening');
  process.stdout.write(`Trait d'Union is running. Web chat: ${base}/\n`);
  if (core.handoffQueue) process.stdout.write(`Caseworker console: ${base}/console (add an account: npm run caseworker -- add <username>)\n`);

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new work, finishing turns in flight');
    http.drain();
    frontDoor.closeStreams();
    await frontDoor.stop();
    await http.close();
    await (turnThreads ? turnThreads.stop() : inProcess?.worker.stop());
    await core.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
