import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../dialogs/commands.js';
import { preferredLanguage } from '../../src/channels/webchat/webChatPage.js';
import { bearerToken, DirectLineTokens } from '../../src/channels/webchat/directLineTokens.js';
import { parseMenuChoice } from '../../src/channels/whatsapp/menuMemory.js';
import { splitText, toWhatsAppMarkdown, truncate } from '../../src/channels/whatsapp/outboundMessages.js';
import { ConceptTagger } from '../../src/domain/nlu/conceptTagger.js';
import { detectLanguage } from '../../src/domain/nlu/languageDetector.js';
import { createMatcher } from '../../src/domain/nlu/matcher.js';
import { normalise, tokenise } from '../../src/domain/nlu/normalise.js';
import { requestedLanguage } from '../../src/domain/nlu/requestedLanguage.js';
import { redactPersonalData } from '../../src/observability/redactPersonalData.js';
import { loadTestContent } from '../domain/nlu/loadTestContent.js';

/**
 * Every function that runs patterns on text a user (or a client) controls gets 100,000-character hostile
 * inputs: long runs that make a backtracking pattern rescan from each position. Linear code takes
 * milliseconds to a few hundred on a loaded machine; a quadratic pattern takes tens of seconds (the old
 * e-mail redaction: 0.4 s on 20,000 characters, so ~11 s here). The bound is generous on purpose.
 */
const LENGTH = 100_000;
const BOUND_MS = 2_500;

const repeat = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
const HOSTILE: Record<string, string> = {
  spaces: repeat(' '),
  letters: repeat('a'),
  'word chars with dots': repeat('a.b+c-'),
  'at signs': repeat('a@'),
  'unfinished domains': repeat('a@a.'),
  'letter-digit runs': repeat('A1'),
  'digits and spaces': repeat('1 '),
  'digits and dashes': repeat('1-'),
  'digits and brackets': repeat('1('),
  'a digit then spaces': `1${repeat(' ')}`,
  commas: repeat(','),
  'commas and letters': repeat(',a'),
  'name introductions': repeat("je m'appelle "),
  'name labels': repeat('name: '),
  'link starts': repeat('http://'),
  'www starts': repeat('www.'),
  'bold markers': repeat('**a'),
  'underline markers': repeat('__a'),
  'markdown links': repeat('[a]('),
  'Arabic name introductions': repeat('اسمي '),
  'Arabic-Indic digits': repeat('٠ '),
  arabizi: repeat('a3a '),
  elisions: repeat("j'"),
  'hash signs': repeat('#'),
  'sentence ends': repeat('.?!'),
  emoji: repeat('😀'),
  'combining marks': repeat('e\u0301'),
};

const matcher = createMatcher(loadTestContent());
const tagger = new ConceptTagger();
const tokens = new DirectLineTokens('x'.repeat(32));

const TEXT_PATHS: Record<string, (text: string) => unknown> = {
  redactPersonalData,
  parseMenuChoice,
  normalise,
  tokenise: (text) => tokenise(text),
  detectLanguage: (text) => detectLanguage(text, 'fr'),
  requestedLanguage,
  parseCommand,
  'matcher.understand': (text) => matcher.understand(text, { currentLanguage: 'fr' }),
  conceptTagger: (text) => tagger.conceptsOf(tokenise(text)),
  toWhatsAppMarkdown,
  splitText: (text) => splitText(text),
  truncate: (text) => truncate(text, 1000),
  'preferredLanguage (Accept-Language)': (text) => preferredLanguage(text, 'fr'),
  'bearerToken (Authorization)': (text) => bearerToken(`Bearer ${text}`),
  'DirectLineTokens.verify': (text) => tokens.verify(text),
};

describe('every text path on 100,000-character hostile input', () => {
  it.each(Object.entries(TEXT_PATHS))('%s runs in linear time', (_name, run) => {
    const slow: string[] = [];
    for (const [kind, text] of Object.entries(HOSTILE)) {
      const started = performance.now();
      run(text);
      const ms = performance.now() - started;
      if (ms > BOUND_MS) slow.push(`${kind}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  });
});
