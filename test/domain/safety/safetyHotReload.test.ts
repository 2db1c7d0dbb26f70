import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContentStore, type ContentStore } from '../../../src/domain/content/contentRepository.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { createSafetyDetector } from '../../../src/domain/safety/safetyDetector.js';
import { createLogger } from '../../../src/observability/logger.js';

const valid = join(import.meta.dirname, '../../fixtures/content/valid');
const RELOAD_DEADLINE_MS = 5_000;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function openCopy(): { dir: string; store: ContentStore; warnings: Record<string, unknown>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'safety-reload-'));
  cpSync(valid, dir, { recursive: true });
  const warnings: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
  const store = createContentStore({ localesDir: dir, logger, debounceMs: 50 });
  cleanups.push(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, store, warnings };
}

/** Resolves with the next accepted snapshot; rejects after the deadline. */
function nextChange(store: ContentStore): Promise<ContentSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no content change within ${RELOAD_DEADLINE_MS} ms`)), RELOAD_DEADLINE_MS);
    const off = store.onChange((snapshot) => {
      clearTimeout(timer);
      off();
      resolve(snapshot);
    });
  });
}

/** Resolves when the store logs a refused reload. */
function nextRefusal(warnings: Record<string, unknown>[]): Promise<Record<string, unknown>> {
  const deadline = Date.now() + RELOAD_DEADLINE_MS;
  return new Promise((resolve, reject) => {
    const poll = (): void => {
      const refused = warnings.find((line) => line.event === 'content.reload_refused');
      if (refused) resolve(refused);
      else if (Date.now() > deadline) reject(new Error('no refused reload logged'));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('safety.yaml hot reload', () => {
  it('picks up a phrase staff add, refuses a broken edit while the last good phrases keep working', async () => {
    const { dir, store, warnings } = openCopy();
    const file = join(dir, 'fr/safety.yaml');
    const original = readFileSync(file, 'utf8');
    expect(createSafetyDetector(store.current().safety).detect('on me séquestre')).toBeNull();

    const changed = nextChange(store);
    writeFileSync(file, original.replace('  danger: [au secours]', '  danger: [au secours]\n  held: [on me sequestre]'));
    const snapshot = await changed;
    expect(createSafetyDetector(snapshot.safety).detect('ON ME SÉQUESTRE')?.category).toBe('held');

    writeFileSync(file, original.replace('  danger: [au secours]', '  danger: [au secours]\n  kidnapping: [on me sequestre]'));
    const refused = await nextRefusal(warnings);
    expect(JSON.stringify(refused.problems)).toMatch(/fr\/safety\.yaml:7: phrases: unknown field \\"kidnapping\\"/);
    expect(createSafetyDetector(store.current().safety).detect('on me sequestre')?.category).toBe('held');
  });
});
