import type { Language } from '../../i18n/languages.js';
import type { AppLogger } from '../../observability/logger.js';
import { ContentError, formatProblem } from './contentError.js';
import { loadContent } from './contentLoader.js';
import type { ContentSnapshot } from './contentSnapshot.js';
import type { ContentRepository, FaqEntry } from './faqEntry.js';
import { createHotReload } from './hotReload.js';

/** Dependencies and tuning of {@link createContentStore}. */
export interface ContentStoreOptions {
  /** Folder holding `catalogue.yaml` and `<lng>/faq/*.yaml`, `<lng>/intents.yaml`. */
  readonly localesDir: string;
  /** Where reloads and refused edits are reported (ids and `file:line` only, never user text). */
  readonly logger: Pick<AppLogger, 'info' | 'warn' | 'error'>;
  /** Quiet time after the last file event before reloading, in milliseconds; default 200. */
  readonly debounceMs?: number;
  /** Languages that must be complete; default every shipped language. */
  readonly languages?: readonly Language[];
  /** Watch the folder for edits; default true. With false the content is loaded once. */
  readonly watch?: boolean;
  /** How to watch; default `events` (file-system events), or `polling` where none arrive. See {@link watchTree}. */
  readonly watchMode?: 'events' | 'polling';
}

/** The live content: the last good snapshot, swapped whole when a valid edit lands. */
export interface ContentStore {
  /** The current (last good) snapshot. */
  current(): ContentSnapshot;
  /** Read access by id and language, always over the current snapshot. */
  readonly repository: ContentRepository;
  /** Calls `listener` after each accepted reload; returns a function that unsubscribes. */
  onChange(listener: (snapshot: ContentSnapshot) => void): () => void;
  /** Resolves once edits are being watched (at once when `watch` is false). */
  ready(): Promise<void>;
  /** Stops watching; the last snapshot stays readable. */
  close(): void;
}

/**
 * Loads the content and keeps it fresh: watches `localesDir` recursively, reloads `debounceMs`
 * after the last change, and swaps the snapshot only when the whole content is valid. A bad edit
 * is logged as `file:line: problem` lines and refused, so the last good content keeps serving.
 *
 * @throws {ContentError} at start-up when the content has any problem.
 */
export function createContentStore(options: ContentStoreOptions): ContentStore {
  const { localesDir, logger } = options;
  const loadOptions = options.languages ? { languages: options.languages } : {};

  const initial = loadContent(localesDir, loadOptions);
  if (!initial.snapshot) throw new ContentError(initial.errors);

  logger.info({ event: 'content.loaded', ...counts(initial.snapshot) }, 'content loaded');
  let index = indexOf(initial.snapshot);
  const live = createHotReload<ContentSnapshot>({
    path: localesDir,
    initial: initial.snapshot,
    load: () => {
      const result = loadContent(localesDir, loadOptions);
      return result.snapshot ? { value: result.snapshot } : { problems: result.errors.map((problem) => formatProblem(problem)) };
    },
    name: 'content',
    logger,
    describe: counts,
    isRelevant,
    debounceMs: options.debounceMs ?? 200,
    watch: options.watch !== false,
    watchMode: options.watchMode ?? 'events',
  });
  // The index follows the snapshot before any other listener hears of it.
  live.onChange((snapshot) => (index = indexOf(snapshot)));

  return {
    current: () => live.current(),
    repository: {
      entry: (id: string, lang: Language) => index.byId.get(lang)?.get(id),
      entries: (lang: Language) => index.byLang.get(lang) ?? [],
    },
    onChange: (listener) => live.onChange(listener),
    ready: () => live.ready(),
    close: () => live.close(),
  };
}

function counts(snapshot: ContentSnapshot): { faqEntries: number; intents: number } {
  return { faqEntries: snapshot.faq.length, intents: snapshot.intents.length };
}

interface SnapshotIndex {
  readonly byId: ReadonlyMap<Language, ReadonlyMap<string, FaqEntry>>;
  readonly byLang: ReadonlyMap<Language, readonly FaqEntry[]>;
}

function indexOf(snapshot: ContentSnapshot): SnapshotIndex {
  const byId = new Map<Language, Map<string, FaqEntry>>();
  const byLang = new Map<Language, FaqEntry[]>();
  for (const entry of snapshot.faq) {
    if (!byId.has(entry.lang)) byId.set(entry.lang, new Map());
    byId.get(entry.lang)?.set(entry.id, entry);
    byLang.set(entry.lang, [...(byLang.get(entry.lang) ?? []), entry]);
  }
  return { byId, byLang };
}

/** Content files and folders; other files (translation.json, editor swap files) do not trigger a reload. */
function isRelevant(filename: string): boolean {
  if (!filename) return true;
  const base = filename.split(/[\\/]/).pop() ?? filename;
  return /\.ya?ml$/i.test(base) || !base.includes('.');
}
