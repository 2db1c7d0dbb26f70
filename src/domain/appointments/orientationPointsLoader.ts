import { existsSync, readFileSync } from 'node:fs';
import type { ContentProblem } from '../content/contentError.js';
import { issuesToProblems, parseYamlSource, type YamlPath } from '../content/yamlSource.js';
import { OrientationPointsFile, minutesOf, type OrientationPointsConfig } from './orientationPoints.js';
import { isKnownZone } from './timeZones.js';

/** Result of {@link loadOrientationPoints}: the configuration only when there is no problem. */
export interface OrientationPointsLoadResult {
  readonly config?: OrientationPointsConfig;
  readonly problems: readonly ContentProblem[];
  /** Things staff should fix that do not stop the server (placeholder hours). */
  readonly warnings: readonly ContentProblem[];
}

/**
 * Reads and validates `orientation-points.yaml`: the schema, then rules it cannot express (unique ids and
 * aliases, known time zones, real calendar dates, slots that fit in the opening ranges). Every problem is
 * located as `file:line`, like the FAQ's.
 */
export function loadOrientationPoints(file: string): OrientationPointsLoadResult {
  if (!existsSync(file)) return { problems: [{ file, line: 1, message: 'orientation points file not found' }], warnings: [] };
  const { source, problems } = parseYamlSource(file, readFileSync(file, 'utf8'));
  if (!source) return { problems, warnings: [] };
  if (source.value === undefined || source.value === null) return { problems: [{ file, line: 1, message: 'file is empty (expected settings: and points:)' }], warnings: [] };
  const parsed = OrientationPointsFile.safeParse(source.value);
  if (!parsed.success) return { problems: issuesToProblems(source, parsed.error.issues, (path) => describe(source.value, path)), warnings: [] };

  const config = parsed.data;
  const found: ContentProblem[] = [];
  const at = (path: YamlPath, message: string) => found.push({ file, line: source.lineOf(path), message });
  const ids = new Map<string, number>();
  const aliases = new Map<string, string>();
  config.points.forEach((point, i) => {
    if (ids.has(point.id)) at(['points', i, 'id'], `duplicate point id ${point.id}`);
    ids.set(point.id, i);
    if (!isKnownZone(point.timeZone)) at(['points', i, 'timeZone'], `${point.id}: unknown time zone "${point.timeZone}" (an IANA name such as Africa/Casablanca)`);
    point.aliases.forEach((alias, j) => {
      const key = alias.toLowerCase();
      const owner = aliases.get(key);
      if (owner && owner !== point.id) at(['points', i, 'aliases', j], `${point.id}: alias "${alias}" already chooses ${owner}`);
      aliases.set(key, point.id);
    });
    point.closedDates.forEach((date, j) => {
      if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
        at(['points', i, 'closedDates', j], `${point.id}: "${date}" is not a real date`);
      }
    });
    for (const [day, ranges] of Object.entries(point.weeklyHours)) {
      (ranges ?? []).forEach((range, j) => {
        const [from = '', to = ''] = range.split('-');
        if (minutesOf(to) - minutesOf(from) < point.slotMinutes) {
          at(['points', i, 'weeklyHours', day, j], `${point.id}: ${day} ${range} is shorter than one ${point.slotMinutes}-minute slot`);
        }
      });
    }
    if (Object.values(point.weeklyHours).every((ranges) => (ranges ?? []).length === 0)) {
      at(['points', i, 'weeklyHours'], `${point.id}: no opening hours at all (nobody could book)`);
    }
  });
  if (found.length > 0) return { problems: found, warnings: [] };
  const warnings = config.settings.placeholderHours
    ? [{ file, line: source.lineOf(['settings', 'placeholderHours']), message: 'opening hours are the shipped placeholders: staff must set the real ones, then placeholderHours: false' }]
    : [];
  return { config, problems: [], warnings };
}

/** Names the place of an issue for staff: `point casablanca weeklyHours.mon`. */
function describe(value: unknown, path: YamlPath): string {
  if (path[0] === 'points' && typeof path[1] === 'number') {
    const points = (value as { points?: Array<{ id?: unknown }> }).points;
    const id = points?.[path[1]]?.id;
    const rest = path.slice(2).join('.');
    return `point ${typeof id === 'string' ? id : `#${path[1] + 1}`}${rest ? ` ${rest}` : ''}`;
  }
  return path.join('.');
}
