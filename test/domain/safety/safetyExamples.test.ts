import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createContentStore } from '../../../src/domain/content/contentRepository.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { formatProblem } from '../../../src/domain/content/contentError.js';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { buildSafetyDetector, LEARNED_RULE, learnedTrainingSet } from '../../../src/domain/safety/learnedSafetyLayer.js';
import { createLogger } from '../../../src/observability/logger.js';

const valid = join(import.meta.dirname, '../../fixtures/content/valid');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A copy of the valid fixture with some files added or replaced (path relative to the locales folder → text). */
function validWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'safety-examples-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(valid, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/** A valid examples file: boats capsizing, and ordinary travel questions. */
const BOATS = `emergency:
  disaster:
    - "the canoe flipped over and people are in the sea"
    - "our dinghy turned over two children are under the waves"
    - "the pirogue capsized near the rocks people are drowning"
    - "the boat overturned and my brother is in the water"
ordinary:
  - "can i travel home by plane"
  - "how long is the flight"
  - "when do we leave"
`;
const PROBE = 'the little canoe turned over and the kids are in the waves';

/** A content store watching `dir`, its log lines, and a promise of its next snapshot. */
function watched(dir: string): { store: ReturnType<typeof createContentStore>; warnings: Record<string, unknown>[]; nextChange: () => Promise<ContentSnapshot> } {
  const warnings: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'info' }, { write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>) });
  const store = createContentStore({ localesDir: dir, logger, debounceMs: 50 });
  cleanups.push(() => store.close());
  const nextChange = (): Promise<ContentSnapshot> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no content change within 5 s')), 5_000);
      const off = store.onChange((snapshot) => {
        clearTimeout(timer);
        off();
        resolve(snapshot);
      });
    });
  return { store, warnings, nextChange };
}

describe('safety-examples.yaml', () => {
  it('is optional: content without it loads, and the corpus of a language that has one is in the snapshot', () => {
    expect(loadContent(valid).snapshot?.safetyExamples).toEqual([]);
    const { snapshot, errors } = loadContent(validWith({ 'en/safety-examples.yaml': BOATS }));
    expect(errors).toEqual([]);
    expect(snapshot!.safetyExamples).toMatchObject([{ lang: 'en', emergency: { disaster: expect.arrayContaining([expect.any(String)]) }, ordinary: ['can i travel home by plane', 'how long is the flight', 'when do we leave'] }]);
  });

  it('is checked by content:check: an unknown situation, a line without letters, no ordinary list, and one message with two answers, each at its line', () => {
    const dir = validWith({
      'fr/safety-examples.yaml': 'emergency:\n  kidnapping:\n    - "on me sequestre"\n  medical:\n    - "!!!"\nordinary: []\n',
      'en/safety-examples.yaml': 'emergency:\n  medical:\n    - "he is not breathing"\nordinary:\n  - "He is NOT breathing!"\n',
      'ar/safety-examples.yaml': 'emergency: [\n',
    });
    const { snapshot, errors } = loadContent(dir);
    expect(snapshot).toBeUndefined();
    const lines = errors.map((problem) => formatProblem(problem, (file) => file.slice(dir.length + 1)));
    expect(lines).toEqual(
      expect.arrayContaining([
        'fr/safety-examples.yaml:2: emergency: unknown field "kidnapping"',
        'fr/safety-examples.yaml:5: emergency.medical[0]: must contain letters',
        expect.stringMatching(/^fr\/safety-examples\.yaml:6: ordinary: must hold at least one ordinary message/),
        'en/safety-examples.yaml:5: ordinary[0]: "He is NOT breathing!" is also under emergency.medical (line 3); one message, one answer',
        expect.stringMatching(/^ar\/safety-examples\.yaml:\d+: unparsable YAML/),
      ]),
    );
  });

  it('hot-reloads: examples staff add retrain the layer, and a broken edit is refused while the last good layer keeps working', async () => {
    const dir = validWith({});
    const { store, warnings, nextChange } = watched(dir);
    expect(buildSafetyDetector(store.current()).detect(PROBE)).toBeNull();

    const changed = nextChange();
    writeFileSync(join(dir, 'en/safety-examples.yaml'), BOATS);
    const snapshot = await changed;
    expect(buildSafetyDetector(snapshot).detect(PROBE)).toMatchObject({ rule: LEARNED_RULE, category: 'disaster' });

    writeFileSync(join(dir, 'en/safety-examples.yaml'), BOATS.replace('  disaster:', '  shipwreck:'));
    const deadline = Date.now() + 5_000;
    while (!warnings.some((w) => w.event === 'content.reload_refused') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(JSON.stringify(warnings.find((w) => w.event === 'content.reload_refused')?.problems)).toMatch(/en\/safety-examples\.yaml:2/);
    expect(buildSafetyDetector(store.current()).detect(PROBE)).toMatchObject({ rule: LEARNED_RULE });
  });
});

describe('safety-ordinary.yaml (the learned layer\'s everyday negatives, apart from the FAQ)', () => {
  const EVERYDAY = 'version: 2\nordinary:\n  - "how do i sign up for the return"\n  - "is the ticket free"\n';

  it('is loaded with its version, and is a negative of the layer without being an FAQ example', () => {
    const { snapshot, errors } = loadContent(validWith({ 'en/safety-examples.yaml': BOATS, 'en/safety-ordinary.yaml': EVERYDAY }));
    expect(errors).toEqual([]);
    expect(snapshot!.safetyExamples).toMatchObject([{ lang: 'en', everyday: ['how do i sign up for the return', 'is the ticket free'], everydayVersion: 2 }]);
    expect(learnedTrainingSet(snapshot!).ordinary).toEqual(expect.arrayContaining(['how do i sign up for the return', 'is the ticket free']));
    // Alone (no safety-examples.yaml) it still loads: a language's negatives without emergencies of its own.
    expect(loadContent(validWith({ 'fr/safety-ordinary.yaml': EVERYDAY })).snapshot!.safetyExamples).toMatchObject([{ lang: 'fr', emergency: {}, ordinary: [], everyday: ['how do i sign up for the return', 'is the ticket free'] }]);
  });

  it('is checked by content:check: no version, an empty list, and a line that is an emergency example, each at its line', () => {
    const dir = validWith({
      'en/safety-examples.yaml': BOATS,
      'en/safety-ordinary.yaml': 'version: 1\nordinary:\n  - "is the ticket free"\n  - "The boat overturned and my brother is in the water!"\n',
      'fr/safety-ordinary.yaml': 'ordinary:\n  - "le billet est gratuit"\n',
      'ar/safety-ordinary.yaml': 'version: 0\nordinary: []\n',
    });
    const { snapshot, errors } = loadContent(dir);
    expect(snapshot).toBeUndefined();
    expect(errors.map((problem) => formatProblem(problem, (file) => file.slice(dir.length + 1)))).toEqual(
      expect.arrayContaining([
        'en/safety-ordinary.yaml:4: ordinary[1]: "The boat overturned and my brother is in the water!" is also under emergency.disaster (safety-examples.yaml line 6); one message, one answer',
        expect.stringMatching(/^fr\/safety-ordinary\.yaml:1: version: /),
        expect.stringMatching(/^ar\/safety-ordinary\.yaml:1: version: must be 1 or more/),
        expect.stringMatching(/^ar\/safety-ordinary\.yaml:2: ordinary: must hold at least one ordinary message/),
      ]),
    );
  });

  it('hot-reloads: an edit of the list reaches the next snapshot', async () => {
    const dir = validWith({ 'en/safety-examples.yaml': BOATS });
    const { store, nextChange } = watched(dir);
    expect(store.current().safetyExamples).toMatchObject([{ everyday: [], everydayVersion: undefined }]);
    const changed = nextChange();
    writeFileSync(join(dir, 'en/safety-ordinary.yaml'), EVERYDAY);
    expect((await changed).safetyExamples).toMatchObject([{ everyday: ['how do i sign up for the return', 'is the ticket free'], everydayVersion: 2 }]);
  });
});
