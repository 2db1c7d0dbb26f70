import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { contentToMarkdown } from '../../../src/channels/contentMarkdown.js';
import { buildWebChatAssets } from '../../../src/channels/webchat/webChatPage.js';
import { createTranslator } from '../../../src/i18n/i18n.js';

/** The page's renderer, run as the browser runs it (a classic script defining `tduMarkdown`). */
function pageRenderer(): (markdown: string) => string {
  const context: { tduMarkdown?: (markdown: string) => string } = {};
  runInNewContext(readFileSync('src/channels/webchat/page/chatMarkdown.js', 'utf8'), context);
  return context.tduMarkdown!;
}

/** What the page shows for a content source: the server's Markdown, then the page's HTML. */
const shown = (source: string) => pageRenderer()(contentToMarkdown(source));

describe('web chat page Markdown', () => {
  it('shows the server Markdown of bold, italic, strike, lists and line breaks as HTML', () => {
    expect(shown('*Bonjour* _toi_ ~non~')).toBe('<p><b>Bonjour</b> <i>toi</i> <s>non</s></p>');
    expect(shown('• un\n• deux')).toBe('<ul><li>un</li><li>deux</li></ul>');
    expect(shown('3) trois\n4) quatre')).toBe('<ol start="3"><li>trois</li><li>quatre</li></ol>');
    expect(shown('📍 Rabat\nRue X\n\nSuite')).toBe('<p>📍 Rabat<br>Rue X</p><p>Suite</p>');
  });

  it('never lets text become markup: HTML is escaped, escaped Markdown shown as typed', () => {
    expect(shown('<img src=x onerror="alert(1)"> & *it\'s*')).toBe('<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; <b>it&#39;s</b></p>');
    expect(shown('2 * 3 [x](y) \\<b\\>')).not.toMatch(/<(?!\/?p>)/);
  });

  it('is served in front of the client that uses it, in the one script the page loads', async () => {
    const { files } = buildWebChatAssets(await createTranslator('locales'));
    const script = files['/chat.js']!.body.toString('utf8');
    const defined = script.indexOf('var tduMarkdown');
    expect(defined).toBeGreaterThanOrEqual(0);
    expect(defined).toBeLessThan(script.indexOf('tduMarkdown(text)'));
  });
});
