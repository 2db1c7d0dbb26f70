import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchTree } from '../../../src/domain/content/watchTree.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Watches a fresh temp folder and resolves `waitFor(name)` when an event names it (2 s deadline). */
async function watched(mode: 'events' | 'polling') {
  const root = mkdtempSync(join(tmpdir(), 'watch-'));
  mkdirSync(join(root, 'fr/faq'), { recursive: true });
  const seen: (string | null)[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];
  const watch = watchTree(root, (name) => {
    seen.push(name);
    for (const waiter of waiters.filter((w) => w.name === name)) waiter.resolve();
  }, { mode, pollIntervalMs: 100 });
  await watch.ready;
  // Polling takes its baselines after 'ready': an edit before them is caught only by the start-up recheck
  // (reported as ''), which the content store answers by reloading everything. Wait for that recheck so each
  // test's edit is seen by name.
  if (mode === 'polling') await new Promise<void>((resolve) => { const tick = () => (seen.includes('') ? resolve() : setTimeout(tick, 20)); tick(); });
  cleanups.push(() => {
    void watch.close();
    rmSync(root, { recursive: true, force: true });
  });
  const waitFor = (name: string) =>
    new Promise<void>((resolve, reject) => {
      if (seen.includes(name)) return resolve();
      const timer = setTimeout(() => reject(new Error(`no event for ${name} within 2 s (saw ${JSON.stringify(seen)})`)), 2_000);
      waiters.push({ name, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  return { root, waitFor, seen };
}

describe('watchTree', () => {
  for (const mode of ['events', 'polling'] as const) {
    it(`reports changes in nested folders with their relative name (${mode})`, async () => {
      const { root, waitFor } = await watched(mode);
      const event = waitFor('fr/faq/a.yaml');
      writeFileSync(join(root, 'fr/faq/a.yaml'), 'entries: []\n');
      await event;
    });

    it(`watches folders created after it started (${mode})`, async () => {
      const { root, waitFor, seen } = await watched(mode);
      const created = waitFor(join('en', 'intents.yaml'));
      mkdirSync(join(root, 'en'));
      writeFileSync(join(root, 'en/intents.yaml'), 'intents: []\n');
      await created;
      // Later writes inside the new folder are reported too.
      const count = () => seen.filter((name) => name === join('en', 'intents.yaml')).length;
      const before = count();
      const deadline = Date.now() + 2_000;
      writeFileSync(join(root, 'en/intents.yaml'), 'intents: [] # edited\n');
      while (count() === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(count()).toBeGreaterThan(before);
    });
  }

  it('watches a single file, whatever way it is saved', async () => {
    const root = mkdtempSync(join(tmpdir(), 'watch-file-'));
    const file = join(root, 'safety.yaml');
    writeFileSync(file, 'a: 1\n');
    let events = 0;
    let wake: () => void = () => undefined;
    const watch = watchTree(file, () => {
      events++;
      wake();
    });
    cleanups.push(() => {
      void watch.close();
      rmSync(root, { recursive: true, force: true });
    });
    await watch.ready;
    const nextEvent = () => new Promise<void>((resolve) => (wake = resolve));
    for (const save of [
      () => writeFileSync(file, 'a: 2\n'),
      () => {
        writeFileSync(`${file}.tmp`, 'a: 3\n');
        renameSync(`${file}.tmp`, file);
      },
      () => writeFileSync(file, 'a: 4\n'),
    ]) {
      const event = nextEvent();
      const before = events;
      save();
      await event;
      expect(events).toBeGreaterThan(before);
    }
  });

  it('stops reporting after close (a second, open watch proves the event happened)', async () => {
    const { root, waitFor } = await watched('events');
    const closedSeen: (string | null)[] = [];
    const closing = watchTree(root, (name) => closedSeen.push(name));
    await closing.ready;
    await closing.close();
    const event = waitFor('fr/faq/b.yaml');
    writeFileSync(join(root, 'fr/faq/b.yaml'), 'entries: []\n');
    await event;
    expect(closedSeen).toEqual([]);
  });
});
