/**
 * Time budgets of tests that spawn the assistant or a CLI under tsx. Start-up loads tsx and trains the language
 * model: seconds of CPU alone, minutes on CI's 2 cores at a load of 30–50. A hook or test that starts an app must
 * allow at least the start wait itself, or vitest abandons it mid-start (a timeout that names no cause, and an
 * orphan process that loads the machine further). These are per-test budgets for spawned processes, not a global
 * timeout: a test that is slow for any other reason still fails on its own wait.
 */

/**
 * How long {@link startApp} waits for /healthz by default: start-ups took over 180 s here at a load of 25 (3 December,
 * crashRecovery and consoleBookings failed on it), where an idle machine needs about 10 s.
 */
export const APP_START_TIMEOUT_MS = 300_000;

/**
 * How long a CLI run under tsx (`npm run nlu:eval`, `npm run nlu`…) may take before it is killed as hung: an
 * nlu:eval run took 165 s here at a load of 25 (8 s idle).
 */
export const CLI_RUN_TIMEOUT_MS = 300_000;

/**
 * A hook's or test's timeout when it waits for `starts` app start-ups one after another (apps started side by side
 * count once) and then does at most `workMs` of its own waiting.
 */
export function afterAppStarts(starts: number, workMs: number): number {
  return starts * APP_START_TIMEOUT_MS + workMs;
}

/** A test's timeout when it runs `runs` CLIs one after another (each allowed {@link CLI_RUN_TIMEOUT_MS}). */
export function afterCliRuns(runs: number): number {
  return runs * CLI_RUN_TIMEOUT_MS + 10_000;
}
