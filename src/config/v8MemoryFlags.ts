import type { Config } from './config.js';

/**
 * The V8 flags of HEAP_GROWING_PERCENT and MAIN_SEMI_SPACE_MB, for `v8.setFlagsFromString` at start (src/index.ts):
 * before the app's modules load, so the main thread's heap and every turn worker thread's (started later) follow
 * them. Flags left at 0 are not set (V8 keeps its own). Set after V8 started, so only these two flags, which V8
 * reads each time it sizes a heap, not arbitrary ones.
 */
export function v8MemoryFlags(config: Pick<Config, 'HEAP_GROWING_PERCENT' | 'MAIN_SEMI_SPACE_MB'>): string[] {
  return [
    ...(config.HEAP_GROWING_PERCENT > 0 ? [`--heap-growing-percent=${config.HEAP_GROWING_PERCENT}`] : []),
    ...(config.MAIN_SEMI_SPACE_MB > 0 ? [`--max-semi-space-size=${config.MAIN_SEMI_SPACE_MB}`] : []),
  ];
}
