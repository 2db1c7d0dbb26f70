import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { isInstanceMessage, type ThreadMessage } from './turnThreadMessages.js';
import type { TurnThreadData } from './turnThreads.js';

/** What a turn worker thread answers to its instance (see {@link connectToInstance}). */
export interface TurnThreadHandlers {
  /** Called once when the instance asks the thread to stop (its SIGTERM); the thread exits when it resolves. */
  readonly onStop: () => Promise<void>;
  /** Answers a `collect` of `kind` (e.g. `metrics`); undefined for a kind it does not know. */
  readonly collect: (kind: string) => Promise<unknown>;
}

/** The thread side of the link to the instance (see turnThreads.ts). */
export interface TurnThreadPort {
  /** This thread's slot and test settings. */
  readonly data: TurnThreadData;
  readonly threadId: number;
  /** Tells the instance the thread claims now. */
  ready(): void;
  /** Asks the instance for `kind`; resolves with its answer, or undefined after `timeoutMs`. */
  request(kind: string, body: unknown, timeoutMs: number): Promise<unknown>;
  /** Starts answering the instance's stop and collect messages. */
  listen(handlers: TurnThreadHandlers): void;
}

/** The link to the instance when this code runs in a turn worker thread, else undefined (main thread). */
export function turnThreadPort(): TurnThreadPort | undefined {
  const port = parentPort;
  if (isMainThread || !port) return undefined;
  const post = (message: ThreadMessage) => port.postMessage(message);
  const answers = new Map<number, (body: unknown) => void>();
  let nextId = 0;
  let handlers: TurnThreadHandlers | undefined;
  let stopping = false;
  port.on('message', (message: unknown) => {
    if (!isInstanceMessage(message)) return;
    if (message.type === 'answer') {
      answers.get(message.id)?.(message.body);
      answers.delete(message.id);
    } else if (message.type === 'collect') {
      void (handlers?.collect(message.kind) ?? Promise.resolve(undefined)).then(
        (body) => post({ type: 'collected', id: message.id, body }),
        () => post({ type: 'collected', id: message.id, body: undefined }),
      );
    } else if (message.type === 'stop' && !stopping) {
      stopping = true;
      void handlers?.onStop();
    }
  });
  // The port alone must not keep a thread alive that has nothing else to do (its worker's loops do).
  port.unref();
  return {
    data: workerData as TurnThreadData,
    threadId,
    ready: () => post({ type: 'ready' }),
    request: (kind, body, timeoutMs) =>
      new Promise((resolve) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          answers.delete(id);
          resolve(undefined);
        }, timeoutMs);
        answers.set(id, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        post({ type: 'request', id, kind, body });
      }),
    listen: (h) => {
      handlers = h;
    },
  };
}
