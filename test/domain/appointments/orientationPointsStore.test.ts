import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrientationPointsConfig } from '../../../src/domain/appointments/orientationPoints.js';
import { createOrientationPointsStore, type OrientationPoints } from '../../../src/domain/appointments/orientationPointsStore.js';
import { ContentError } from '../../../src/domain/content/contentError.js';
import { createLogger } from '../../../src/observability/logger.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'points-store-'));
  const file = join(dir, 'orientation-points.yaml');
  copyFileSync('locales/orientation-points.yaml', file);
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const store = createOrientationPointsStore({ file, logger, debounceMs: 30 });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { store, file, lines };
}

function nextChange(store: OrientationPoints): Promise<OrientationPointsConfig> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no reload within 3 s')), 3000);
    const off = store.onChange((config) => {
      clearTimeout(timer);
      off();
      resolve(config);
    });
  });
}

describe('createOrientationPointsStore', () => {
  it('serves the points and warns at start-up that the hours are placeholders', () => {
    const { store, lines } = open();
    expect(store.point('rabat')?.name.ar).toBe('الرباط');
    expect(store.point('tanger')).toBeUndefined();
    expect(lines.find((l) => l.event === 'appointments.placeholder_hours')?.msg).toMatch(/orientation-points\.yaml:\d+: opening hours are the shipped placeholders/);
  });

  it('reloads a valid edit and refuses a broken one, keeping the last good configuration', async () => {
    const { store, file, lines } = open();
    await store.ready();
    const text = readFileSync(file, 'utf8');
    let change = nextChange(store);
    writeFileSync(file, text.replaceAll('seatsPerSlot: 2', 'seatsPerSlot: 4'));
    expect((await change).points[0]?.seatsPerSlot).toBe(4);
    change = nextChange(store);
    writeFileSync(file, text.replace('slotMinutes: 30', 'slotMinutes: "soon"'));
    // A refused edit is logged; then a good edit still lands.
    await new Promise<void>((resolve) => {
      const check = () => (lines.some((l) => l.event === 'orientation_points.reload_refused') ? resolve() : setTimeout(check, 10));
      check();
    });
    expect(store.point('casablanca')?.slotMinutes).toBe(30);
    expect(store.point('casablanca')?.seatsPerSlot).toBe(4);
    writeFileSync(file, text.replaceAll('seatsPerSlot: 2', 'seatsPerSlot: 6'));
    expect((await change).points[0]?.seatsPerSlot).toBe(6);
  });

  it('refuses to start on a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'points-store-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'p.yaml'), 'points: nope\n');
    expect(() => createOrientationPointsStore({ file: join(dir, 'p.yaml'), logger: createLogger({ level: 'silent' }), watch: false })).toThrow(ContentError);
  });
});
