import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { formatProblem } from '../domain/content/contentError.js';
import { ORIENTATION_POINTS_FILE } from '../domain/appointments/orientationPoints.js';
import { loadOrientationPoints } from '../domain/appointments/orientationPointsLoader.js';

/** What `content:check` reports about the orientation points file. */
export interface PointsCheckReport {
  readonly exitCode: 0 | 1;
  /** `file:line: problem` lines (exit 1). */
  readonly problems: readonly string[];
  /** The summary and warnings (exit 0). */
  readonly lines: readonly string[];
}

/**
 * Checks `file` (ORIENTATION_POINTS_FILE), or `<localesDir>/orientation-points.yaml` when it exists.
 * Returns undefined when there is no file to check (a FAQ-only content folder, such as the test fixtures).
 */
export function checkOrientationPointsFile(localesDir: string, cwd: string, file?: string): PointsCheckReport | undefined {
  const path = file ? resolve(cwd, file) : join(localesDir, ORIENTATION_POINTS_FILE);
  if (!file && !existsSync(path)) return undefined;
  const display = (f: string): string => relative(cwd, f) || f;
  const result = loadOrientationPoints(path);
  if (!result.config) return { exitCode: 1, problems: result.problems.map((p) => formatProblem(p, display)), lines: [] };
  const count = result.config.points.length;
  return {
    exitCode: 0,
    problems: [],
    lines: [
      `orientation points ok: ${count} point${count === 1 ? '' : 's'} (${result.config.points.map((p) => p.id).join(', ')})`,
      ...result.warnings.map((w) => `warning: ${formatProblem(w, display)}`),
    ],
  };
}
