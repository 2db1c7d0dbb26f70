import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrientationPoints } from '../../../src/domain/appointments/orientationPointsLoader.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'points-'));
  dirs.push(dir);
  const file = join(dir, 'orientation-points.yaml');
  writeFileSync(file, text);
  return file;
}

const SETTINGS = `settings:
  placeholderHours: false
  reminders:
    dayBefore: { enabled: true, at: "18:00" }
    morning: { enabled: false, at: "08:00" }
  whatToBring: { fr: Vos papiers, en: Your papers, ar: أوراقك }
`;
const POINT = `  - id: casablanca
    name: { fr: Casablanca, en: Casablanca, ar: الدار البيضاء }
    timeZone: Africa/Casablanca
    weeklyHours: { mon: ["09:00-12:00"] }
    slotMinutes: 30
    seatsPerSlot: 2
    bookAheadDays: 14
`;

describe('loadOrientationPoints', () => {
  it('loads the shipped file, flagging its placeholder hours', () => {
    const result = loadOrientationPoints('locales/orientation-points.yaml');
    expect(result.problems).toEqual([]);
    expect(result.config?.points.map((p) => p.id)).toEqual(['casablanca', 'rabat', 'oujda']);
    expect(result.config?.points.every((p) => p.address === undefined && p.timeZone === 'Africa/Casablanca')).toBe(true);
    expect(result.warnings[0]?.message).toMatch(/placeholders/);
  });

  it('applies defaults to a minimal valid file', () => {
    const result = loadOrientationPoints(write(`${SETTINGS}points:\n${POINT}`));
    expect(result.config?.settings).toMatchObject({ holdMinutes: 10, maxUpcomingPerPerson: 1, retentionDays: 90 });
    expect(result.config?.points[0]).toMatchObject({ aliases: [], closedDates: [] });
    expect(result.warnings).toEqual([]);
  });

  it('points every problem at its line', () => {
    const text = `${SETTINGS}points:\n${POINT}  - id: casablanca
    name: { fr: X, en: X, ar: س }
    timeZone: Africa/Nowhere
    weeklyHours: { mon: ["09:00-09:10"] }
    slotMinutes: 30
    seatsPerSlot: 2
    bookAheadDays: 14
    closedDates: [2026-02-30]
`;
    const result = loadOrientationPoints(write(text));
    expect(result.config).toBeUndefined();
    const lines = result.problems.map((p) => `${p.line}: ${p.message}`);
    expect(lines).toEqual([
      '15: duplicate point id casablanca',
      '17: casablanca: unknown time zone "Africa/Nowhere" (an IANA name such as Africa/Casablanca)',
      '22: casablanca: "2026-02-30" is not a real date',
      '18: casablanca: mon 09:00-09:10 is shorter than one 30-minute slot',
    ]);
  });

  it('names schema problems in staff words, at their line', () => {
    const text = `${SETTINGS}points:\n${POINT.replace('"09:00-12:00"', '"12:00-09:00"').replace('seatsPerSlot: 2', 'seatsPerSlot: many')}`;
    const result = loadOrientationPoints(write(text));
    expect(result.problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '11: point casablanca weeklyHours.mon.0: must be a time range "HH:MM-HH:MM" ending after it starts, e.g. "09:00-12:00"',
      '13: point casablanca seatsPerSlot: must be a number, not text',
    ]);
  });

  it('reports a missing or empty file', () => {
    expect(loadOrientationPoints('/nowhere/points.yaml').problems[0]?.message).toBe('orientation points file not found');
    expect(loadOrientationPoints(write('')).problems[0]?.message).toMatch(/empty/);
  });
});
