import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { contentToMarkdown } from '../../src/channels/contentMarkdown.js';

// The Markdown renderer Web Chat itself uses (a dependency of botframework-webchat), with Web Chat's options.
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => { render(md: string): string };
const webChatMarkdown = new MarkdownIt({ breaks: false, html: false, linkify: true, typographer: true, xhtmlOut: true });
const render = (source: string) => webChatMarkdown.render(contentToMarkdown(source));

describe('contentToMarkdown', () => {
  it('turns • lines after a sentence into a real list, and *bold* into bold (not italics)', () => {
    const html = render('Le programme est pour les migrants *au Maroc* qui :\n• veulent rentrer *de leur propre choix*,\n• n\'ont pas les moyens,\n• sont en difficulté.\n\nChaque situation est différente.');
    expect(html).toContain('<strong>au Maroc</strong>');
    expect(html).not.toContain('<em>');
    expect(html.match(/<li>/g)).toHaveLength(3);
    expect(html).toContain('<li>veulent rentrer <strong>de leur propre choix</strong>,</li>');
    expect(html).toMatch(/<p>Chaque situation est différente\.<\/p>/);
  });

  it('keeps 📍 lines on their own lines with hard breaks', () => {
    const html = render("Les *points d'orientation* sont à :\n📍 *Casablanca*\n📍 *Rabat*\n📍 *Oujda*");
    expect(html).toContain('📍 <strong>Casablanca</strong><br />\n📍 <strong>Rabat</strong><br />\n📍 <strong>Oujda</strong>');
  });

  it('turns numbered lines into an ordered list', () => {
    const html = render('Les étapes :\n1. Prendre rendez-vous\n2) Venir au point\n3. Suivre la séance');
    expect(html).toMatch(/<ol>\s*<li>Prendre rendez-vous<\/li>\s*<li>Venir au point<\/li>\s*<li>Suivre la séance<\/li>\s*<\/ol>/);
  });

  it('renders Arabic bold inside words and keeps right-to-left text intact', () => {
    expect(render('أنا مساعد الخاص بـ*العودة الطوعية*. أجيب')).toContain('بـ<strong>العودة الطوعية</strong>.');
  });

  it('maps WhatsApp _italic_ and ~strike~, and leaves a lone asterisk as text', () => {
    const html = render('_vraiment_ ~non~ 5 * 3');
    expect(html).toContain('<em>vraiment</em>');
    expect(html).toContain('<s>non</s>');
    expect(html).toContain('5 * 3');
  });

  it('never produces headings, quotes, links or HTML from content text', () => {
    const html = render('# pas un titre\n> pas une citation\n<b>x</b> [lien](http://a.b)\n2024. une année');
    expect(html).not.toMatch(/<h1|<blockquote|>lien<\/a>|<b>|<ol/);
    expect(html).toContain('# pas un titre');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
