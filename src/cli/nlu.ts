import { createReadStream } from 'node:fs';
import { runIfMain } from './runIfMain.js';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { ContentError } from '../domain/content/contentError.js';
import { loadContent } from '../domain/content/contentLoader.js';
import { createUnderstander, type HybridUnderstander } from '../domain/nlu/hybridUnderstander.js';
import type { MessageUnderstander } from '../domain/nlu/understanding.js';
import { LANGUAGES, type Language } from '../i18n/languages.js';
import { withSafety, type SafeUnderstanding } from '../domain/safety/safeUnderstander.js';
import { loadSafetyDetector } from './loadSafety.js';

/** One input line of `npm run nlu -- --jsonl`: the text, and optionally the conversation's current language. */
const InputLine = z.object({ text: z.string(), lang: z.enum(LANGUAGES).optional() });

/** Usage text of `npm run nlu`. */
export const NLU_USAGE = [
  'Usage: npm run --silent nlu -- --jsonl [FILE]     one JSON object {"text": "..."} per line, from FILE or stdin',
  '       npm run --silent nlu -- "some message"      understand one message',
  'Prints one JSON line per input, in order: {"text", "lang", "id", "score"} (id null = "I don\'t know"),',
  'the id the assistant acts on: "intent.emergency" when the safety detector fires (then also "safety": its category).',
].join('\n');

/**
 * Builds the assistant's understander (supervised model trained now, blended with the matcher) over every
 * locale's content in `localesDir` (FAQ and intents of all languages), exactly as the app does at start-up.
 * Used by the `nlu`, `nlu:eval` and `bench:nlu` commands.
 * @throws ContentError listing every `file:line: problem` when the content is not valid.
 */
export function loadMatcher(localesDir: string, defaultLanguage: Language = 'fr'): HybridUnderstander {
  const { snapshot, errors } = loadContent(localesDir);
  if (!snapshot) throw new ContentError(errors);
  return createUnderstander(snapshot, { matcher: { defaultLanguage } });
}

/**
 * Reads JSON lines from `input` and writes one JSON line per non-blank input line to `output`, in order.
 * A line that is not `{"text": string}` gives `{"text": <the raw line>, "lang": <default>, "id": null, "score": 0}`
 * and a message on `errors` (with its line number, never its content). Returns how many lines were bad.
 */
export async function runNluJsonl(
  understander: MessageUnderstander,
  input: Readable,
  output: Writable,
  errors: (message: string) => void,
  defaultLanguage: Language = 'fr',
): Promise<number> {
  let lineNumber = 0;
  let bad = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    let record: Record<string, unknown>;
    try {
      const parsed = InputLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
      const { text, lang } = parsed.data;
      const result = understander.understand(text, lang ? { currentLanguage: lang } : {});
      const safety = (result as SafeUnderstanding).safety;
      record = { text, lang: result.lang, id: result.id, score: result.score, ...(safety ? { safety: safety.category } : {}) };
    } catch (error) {
      bad++;
      errors(`line ${lineNumber}: not a JSON object with a "text" string (${error instanceof Error ? error.message : String(error)})`);
      record = { text: line, lang: defaultLanguage, id: null, score: 0 };
    }
    if (!output.write(`${JSON.stringify(record)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
  return bad;
}

async function main(args: readonly string[]): Promise<number> {
  const config = loadConfig(readEnvironment());
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.error(NLU_USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const safety = loadSafetyDetector(config.LOCALES_DIR);
  const matcher = withSafety(loadMatcher(config.LOCALES_DIR, config.DEFAULT_LANGUAGE), () => safety);
  if (args[0] === '--jsonl') {
    const file = args[1];
    const input = file && file !== '-' ? createReadStream(file, 'utf8') : process.stdin;
    await runNluJsonl(matcher, input, process.stdout, (m) => console.error(m), config.DEFAULT_LANGUAGE);
    return 0;
  }
  const text = args.join(' ');
  const result = matcher.understand(text);
  process.stdout.write(`${JSON.stringify({ text, lang: result.lang, id: result.id, score: result.score, candidates: result.candidates, ...(result.safety ? { safety: result.safety } : {}) })}\n`);
  return 0;
}

runIfMain(import.meta.url, main);
