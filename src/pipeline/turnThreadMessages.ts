/**
 * The messages between an instance's main thread and its turn worker threads (see turnThreads.ts and
 * turnThreadPort.ts). Plain objects, so they cross `postMessage` as they are.
 */

/** Main thread → worker thread. */
export type InstanceMessage =
  /** Finish the turns and deliveries in flight, then exit. */
  | { readonly type: 'stop' }
  /** Send back what `kind` names (e.g. `metrics`), with the same `id`. */
  | { readonly type: 'collect'; readonly id: number; readonly kind: string }
  /** The answer to the thread's request `id`. */
  | { readonly type: 'answer'; readonly id: number; readonly body: unknown };

/** Worker thread → main thread. */
export type ThreadMessage =
  /** The thread claims from the queue now (for /readyz). */
  | { readonly type: 'ready' }
  /** The answer to a `collect`. */
  | { readonly type: 'collected'; readonly id: number; readonly body: unknown }
  /** A request to the main thread (e.g. the trained model for this content); answered by `answer`. */
  | { readonly type: 'request'; readonly id: number; readonly kind: string; readonly body: unknown };

/** Whether `message` is a {@link ThreadMessage} (anything else on the port is ignored). */
export function isThreadMessage(message: unknown): message is ThreadMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'collected' || type === 'request';
}

/** Whether `message` is an {@link InstanceMessage}. */
export function isInstanceMessage(message: unknown): message is InstanceMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'stop' || type === 'collect' || type === 'answer';
}
