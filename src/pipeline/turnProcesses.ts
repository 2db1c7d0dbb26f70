import { fork, type ChildProcess } from 'node:child_process';
import type { AppLogger } from '../observability/logger.js';

/** The IPC message (`{ type }`) a worker process sends once it claims from the queue. */
export const TURN_PROCESS_READY = 'turnProcessReady';

/** Options of {@link TurnProcesses}. */
export interface TurnProcessesOptions {
  /** How many worker processes to keep running. */
  readonly count: number;
  /** The entry script the workers run (this instance's own, e.g. `process.argv[1]`). */
  readonly entry: string;
  /** Node options of the workers, default this process's (so `--import tsx` carries over). */
  readonly execArgv?: readonly string[];
  /** Environment of the workers (this process's, plus what marks them as workers). */
  readonly env: NodeJS.ProcessEnv;
  readonly logger: AppLogger;
  /** First wait before a worker that died is started again, in ms, default 500; doubled while it keeps dying. */
  readonly restartDelayMs?: number;
  /** A worker that lived this long resets the restart delay, in ms, default 60 000. */
  readonly healthyAfterMs?: number;
}

/** One supervised slot: the process now in it and how its restarts back off. */
interface Slot {
  readonly index: number;
  child: ChildProcess | undefined;
  /** The process in the slot said it is claiming (its model trained, its worker started). */
  ready: boolean;
  startedAt: number;
  delayMs: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Keeps `count` turn worker processes running (WORKERS): each is the same entry script in worker mode, claiming
 * from the shared Redis queue, so every core runs turns while the HTTP process only acknowledges webhooks.
 * A worker that dies (a crash, kill -9) is started again with a growing delay; its claimed messages come back to
 * the queue when their leases run out, so nothing is lost. `stop()` sends SIGTERM to all and waits for them to
 * finish their turns and deliveries (for the instance's own SIGTERM).
 */
export class TurnProcesses {
  private readonly slots: Slot[] = [];
  private stopping = false;
  private readonly restartDelayMs: number;
  private readonly healthyAfterMs: number;

  constructor(private readonly options: TurnProcessesOptions) {
    this.restartDelayMs = options.restartDelayMs ?? 500;
    this.healthyAfterMs = options.healthyAfterMs ?? 60_000;
  }

  /** Starts the workers. */
  start(): void {
    for (let index = 0; index < this.options.count; index++) {
      const slot: Slot = { index, child: undefined, ready: false, startedAt: 0, delayMs: this.restartDelayMs, timer: undefined };
      this.slots.push(slot);
      this.launch(slot);
    }
  }

  /** Whether every worker has said it is claiming (see {@link TURN_PROCESS_READY}); for /readyz. */
  get ready(): boolean {
    return this.slots.length > 0 && this.slots.every((slot) => slot.ready);
  }

  /** Process ids of the workers running now. */
  get pids(): number[] {
    return this.slots.flatMap((slot) => {
      const child = slot.child;
      return child?.pid !== undefined && child.exitCode === null && child.signalCode === null ? [child.pid] : [];
    });
  }

  /** Stops restarting, sends SIGTERM to every worker and resolves once all have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.slots.map(async (slot) => {
        clearTimeout(slot.timer);
        const child = slot.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }),
    );
  }

  private launch(slot: Slot): void {
    const child = fork(this.options.entry, [], {
      execArgv: [...(this.options.execArgv ?? process.execArgv)],
      env: this.options.env,
      // Logs go straight to this instance's stdout/stderr; the IPC channel tells a worker when we are gone.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    slot.child = child;
    slot.ready = false;
    slot.startedAt = Date.now();
    child.on('message', (message) => {
      if ((message as { type?: unknown } | null)?.type === TURN_PROCESS_READY) slot.ready = true;
    });
    this.options.logger.info({ worker: slot.index, pid: child.pid }, 'turn worker process started');
    child.once('exit', (code, signal) => {
      slot.ready = false;
      if (this.stopping) return;
      if (Date.now() - slot.startedAt >= this.healthyAfterMs) slot.delayMs = this.restartDelayMs;
      this.options.logger.error({ worker: slot.index, pid: child.pid, code, signal, restartInMs: slot.delayMs }, 'turn worker process died; starting another (its messages return to the queue when their leases run out)');
      slot.timer = setTimeout(() => this.launch(slot), slot.delayMs);
      slot.delayMs = Math.min(slot.delayMs * 2, 30_000);
    });
  }
}
