import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchTree } from '../../../src/domain/content/watchTree.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Watches a fresh temp folder and resolves `waitFor(name)` when an event names it (2 s deadline). */
function watched(mode: 'auto' | 'per-folder') {
  const root = mkdtempSync(join(tmpdir(), 'watch-'));
  mkdirSync(join(root, 'fr/faq'), { recursive: true });
  const seen: (string | null)[] = [];
  const waiters: { name: string; resolve: () => void }[] = [];
  const watch = watchTree(root, (name) => {
    seen.push(name);
    for (const waiter of waiters.filter((w) => w.name === name)) waiter.resolve();
  }, { mode });
  cleanups.push(() => {
    watch.close();
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
  for (const mode of ['auto', 'per-folder'] as const) {
    it(`reports changes in nested folders with their relative name (${mode})`, async () => {
      const { root, waitFor } = watched(mode);
      const event = waitFor('fr/faq/a.yaml');
      writeFileSync(join(root, 'fr/faq/a.yaml'), 'entries: []\n');
      await event;
    });

    it(`watches folders created after it started (${mode})`, async () => {
      const { root, waitFor } = watched(mode);
      const created = waitFor('en');
      mkdirSync(join(root, 'en'));
      await created;
      const inside = waitFor(join('en', 'intents.yaml'));
      writeFileSync(join(root, 'en/intents.yaml'), 'intents: []\n');
      await inside;
    });
  }

  it('stops reporting after close (a second, open watch proves the event happened)', async () => {
    const { root, waitFor } = watched('per-folder');
    const closedSeen: (string | null)[] = [];
    const closing = watchTree(root, (name) => closedSeen.push(name), { mode: 'per-folder' });
    closing.close();
    const event = waitFor('fr/faq/b.yaml');
    writeFileSync(join(root, 'fr/faq/b.yaml'), 'entries: []\n');
    await event;
    expect(closedSeen).toEqual([]);
  });
});
