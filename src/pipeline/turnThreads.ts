import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { AppLogger } from '../observability/logger.js';
import type { CrashPoint } from './crashPoint.js';
import { startScriptThread } from './scriptThread.js';
import { isThreadMessage, type InstanceMessage, type ThreadMessage } from './turnThreadMessages.js';

/** What an instance passes to each turn worker thread (`workerData`). */
export interface TurnThreadData {
  /** Slot of the thread (0 … count − 1), for its log lines. */
  readonly slot: number;
  /** Tests only (TEST_CRASH_AT): the thread dies at this point of its first turn; only the first thread of slot 0 gets it. */
  readonly crashAt?: CrashPoint;
}

/** Options of {@link TurnThreads}. */
export interface TurnThreadsOptions {
  /** How many worker threads to keep running. */
  readonly count: number;
  /** The entry script the threads run (this instance's own, e.g. `process.argv[1]`): `.ts` is loaded through tsx. */
  readonly entry: string;
  /** Environment of the threads (this process's, plus what marks them as workers). */
  readonly env: NodeJS.ProcessEnv;
  readonly logger: AppLogger;
  /** Answers a thread's request (e.g. the trained model for its content); its result is posted back. */
  readonly onRequest?: (kind: string, body: unknown) => Promise<unknown>;
  /** Tests only: the first thread of slot 0 dies at this point of a turn (see {@link TurnThreadData.crashAt}). */
  readonly crashAt?: CrashPoint;
  /** Cap of each thread's young generation (V8 `maxYoungGenerationSizeMb`, the app's TURN_THREAD_YOUNG_GEN_MB); unset keeps V8's default. */
  readonly youngGenerationMb?: number;
  /** First wait before a thread that died is started again, in ms, default 500; doubled while it keeps dying. */
  readonly restartDelayMs?: number;
  /** A thread that lived this long resets the restart delay, in ms, default 60 000. */
  readonly healthyAfterMs?: number;
  /** How long {@link TurnThreads.collect} waits for each thread's answer, in ms, default 2 000. */
  readonly collectTimeoutMs?: number;
}

/** One supervised slot: the thread now in it and how its restarts back off. */
interface Slot {
  readonly index: number;
  thread: Worker | undefined;
  running: boolean;
  /** The thread said it is claiming (its model loaded, its worker started). */
  ready: boolean;
  launches: number;
  startedAt: number;
  delayMs: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Keeps `count` turn worker threads running (WORKERS) in this process: each runs the same entry script in worker
 * mode, claiming from the shared Redis queue, so every core runs turns while the main thread only acknowledges
 * webhooks. Threads, not child processes: one copy of Node itself, of tsx's loader and of the native code per
 * instance (each thread still has its own JavaScript heap; README "Performance", memory breakdown).
 * A thread that dies (an exception that escapes, `process.exit` in it) is started again with a growing delay; its
 * claimed messages come back to the queue when their leases run out, so nothing is lost. A crash of the process
 * itself (kill -9, native fault) takes every thread with it, as with WORKERS=1. `stop()` asks every thread to
 * finish its turns and deliveries and waits for them (for the instance's own SIGTERM).
 */
export class TurnThreads {
  private readonly slots: Slot[] = [];
  private stopping = false;
  private readonly restartDelayMs: number;
  private readonly healthyAfterMs: number;
  private nextRequest = 0;
  private readonly pending = new Map<number, (body: unknown) => void>();

  constructor(private readonly options: TurnThreadsOptions) {
    this.restartDelayMs = options.restartDelayMs ?? 500;
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
  }

  /** Starts the threads. */
  start(): void {
    for (let index = 0; index < this.options.count; index++) {
      const slot: Slot = { index, thread: undefined, running: false, ready: false, launches: 0, startedAt: 0, delayMs: this.restartDelayMs, timer: undefined };
      this.slots.push(slot);
      this.launch(slot);
    }
  }

  /** Whether every thread has said it is claiming; for /readyz. */
  get ready(): boolean {
    return this.slots.length > 0 && this.slots.every((slot) => slot.ready);
  }

  /** Thread ids of the threads running now. */
  get threadIds(): number[] {
    return this.slots.flatMap((slot) => (slot.thread && slot.running ? [slot.thread.threadId] : []));
  }

  /**
   * Asks every running thread for `kind` (e.g. its metrics) and resolves with the answers that came within the
   * timeout (a thread starting or dying is left out rather than holding the caller).
   */
  async collect(kind: string): Promise<unknown[]> {
    const timeoutMs = this.options.collectTimeoutMs ?? 2_000;
    const answers = await Promise.all(
      this.slots.map((slot) => {
        const thread = slot.thread;
        if (!thread || !slot.running) return undefined;
        const id = this.nextRequest++;
        return new Promise<unknown>((resolve) => {
          const timer = setTimeout(() => {
            this.pending.delete(id);
            resolve(undefined);
          }, timeoutMs);
          this.pending.set(id, (body) => {
            clearTimeout(timer);
            resolve(body);
          });
          this.post(thread, { type: 'collect', id, kind });
        });
      }),
    );
    return answers.filter((answer) => answer !== undefined);
  }

  /** Stops restarting, asks every thread to stop and resolves once all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.timer);
        const thread = slot.thread;
        if (!thread || !slot.running) return;
        const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
        this.post(thread, { type: 'stop' });
        await exited;
      }),
    );
  }

  private post(thread: Worker, message: InstanceMessage): void {
    thread.postMessage(message);
  }

  private launch(slot: Slot): void {
    const data: TurnThreadData = { slot: slot.index, ...(slot.index === 0 && slot.launches === 0 && this.options.crashAt ? { crashAt: this.options.crashAt } : {}) };
    slot.launches++;
    const thread = startThread(this.options.entry, this.options.env, data, this.options.youngGenerationMb);
    const threadId = thread.threadId; // -1 once it has exited
    slot.thread = thread;
    slot.running = true;
    slot.ready = false;
    slot.startedAt = Date.now();
    thread.on('message', (message: unknown) => {
      if (isThreadMessage(message)) void this.onMessage(slot, thread, message);
    });
    // An exception that escaped the thread's own handlers: logged by name only (its message may quote user input).
    thread.on('error', (err) => this.options.logger.error({ worker: slot.index, thread: threadId, err: { name: err.name } }, 'turn worker thread threw'));
    this.options.logger.info({ worker: slot.index, thread: threadId }, 'turn worker thread started');
    thread.once('exit', (code) => {
      slot.running = false;
      slot.ready = false;
      if (this.stopping) return;
      if (Date.now() - slot.startedAt >= this.healthyAfterMs) slot.delayMs = this.restartDelayMs;
      this.options.logger.error({ worker: slot.index, thread: threadId, code, restartInMs: slot.delayMs }, 'turn worker thread died; starting another (its messages return to the queue when their leases run out)');
      slot.timer = setTimeout(() => this.launch(slot), slot.delayMs);
      slot.delayMs = Math.min(slot.delayMs * 2, 30_000);
    });
  }

  private async onMessage(slot: Slot, thread: Worker, message: ThreadMessage): Promise<void> {
    if (message.type === 'ready') {
      slot.ready = true;
    } else if (message.type === 'collected') {
      this.pending.get(message.id)?.(message.body);
      this.pending.delete(message.id);
    } else if (message.type === 'request') {
      try {
        const body = this.options.onRequest ? await this.options.onRequest(message.kind, message.body) : undefined;
        if (slot.running && slot.thread === thread) this.post(thread, { type: 'answer', id: message.id, body });
      } catch (err) {
        this.options.logger.error({ worker: slot.index, kind: message.kind, err: { name: (err as Error).name } }, 'turn worker thread request failed');
        if (slot.running && slot.thread === thread) this.post(thread, { type: 'answer', id: message.id, body: undefined });
      }
    }
  }
}

/**
 * Starts `entry` in a new thread, through a bootstrap that first defers botbuilder's Bot Framework connector
 * (deferredBotModules.ts: a WhatsApp or web chat turn never needs it), then imports the entry (through tsx's loader
 * when either is TypeScript: `npm start` runs the built JavaScript, tests run through tsx; scriptThread.ts).
 */
function startThread(entry: string, env: NodeJS.ProcessEnv, workerData: TurnThreadData, youngGenerationMb?: number): Worker {
  const url = pathToFileURL(entry).href;
  const resourceLimits = youngGenerationMb === undefined ? undefined : { maxYoungGenerationSizeMb: youngGenerationMb };
  const deferralFile = fileURLToPath(new URL(`./deferredBotModules${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  const deferral = pathToFileURL(deferralFile).href;
  const run = `import(${JSON.stringify(deferral)}).then((m) => { m.deferBotFrameworkModules(); return import(${JSON.stringify(url)}); })`;
  return startScriptThread(run, [entry, deferralFile], { env, workerData, resourceLimits });
}
