import { isMainThread } from 'node:worker_threads';
import { CRASH_POINTS } from '../config/config.js';

export { CRASH_POINTS };

/** One of {@link CRASH_POINTS} (config TEST_CRASH_AT; tests only). */
export type CrashPoint = (typeof CRASH_POINTS)[number];

/** Called at each step of a queued turn; kills the process at the configured one. */
export type CrashHook = (point: CrashPoint) => void;

/**
 * A hook that kills this process with SIGKILL (as `kill -9` would) when it reaches `at`; a no-op when unset. In a
 * turn worker thread it ends that thread at once instead (`process.exit` there stops the thread, nothing after it
 * runs), so the instance's supervision of its threads can be tested (turnThreads.ts).
 */
export function crashHook(at: CrashPoint | undefined): CrashHook {
  if (!at) return () => {};
  return (point) => {
    if (point !== at) return;
    if (isMainThread) process.kill(process.pid, 'SIGKILL');
    else process.exit(70);
  };
}
