import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  splitText,
  toWhatsAppMarkdown,
  toWhatsAppMessages,
  truncate,
  WHATSAPP_LIMITS,
} from '../../../src/channels/whatsapp/outboundMessages.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';

let translator: Translator;
beforeAll(async () => {
  translator = await createTranslator('locales');
});

function withButtons(count: number, titleLength: number, extra: Partial<Activity> = {}): Partial<Activity> {
  const actions = Array.from({ length: count }, (_, i) => ({
    type: 'postBack',
    title: `${String(i + 1).padStart(2, '0')}${'x'.repeat(titleLength - 2)}`,
    value: `faq:item${i + 1}`,
  }));
  return { type: 'message', text: 'Que voulez-vous faire ?', locale: 'fr', suggestedActions: { actions, to: [] }, ...extra };
}

const map = (activity: Partial<Activity>) => toWhatsAppMessages(activity, { translator });
type Interactive = { type: string; interactive: { type: string; body: { text: string }; header?: { text: string }; action: Record<string, unknown> } };

describe('toWhatsAppMessages', () => {
  it('sends plain text as one text message with WhatsApp markdown', () => {
    const out = map({ type: 'message', text: 'Le retour est **gratuit**.' });
    expect(out.messages).toEqual([{ type: 'text', text: { body: 'Le retour est *gratuit*.', preview_url: false } }]);
    expect(out.menuValues).toBeUndefined();
  });

  it('maps 3 actions with 20-character titles to reply buttons whose ids are the command values', () => {
    const out = map(withButtons(3, WHATSAPP_LIMITS.buttonTitle));
    expect(out.messages).toHaveLength(1);
    const msg = out.messages[0] as unknown as Interactive;
    expect(msg.interactive.type).toBe('button');
    const buttons = msg.interactive.action.buttons as Array<{ type: string; reply: { id: string; title: string } }>;
    expect(buttons.map((b) => b.reply.id)).toEqual(['faq:item1', 'faq:item2', 'faq:item3']);
    expect(buttons.every((b) => b.type === 'reply' && b.reply.title.length === 20)).toBe(true);
    expect(msg.interactive.body.text).toBe('Que voulez-vous faire ?');
  });

  it('uses a list for a 21-character title, even with 3 actions', () => {
    const msg = map(withButtons(3, 21)).messages[0] as unknown as Interactive;
    expect(msg.interactive.type).toBe('list');
  });

  it('maps 4 actions to a list with a localised button and no header line above the body', () => {
    const msg = map(withButtons(4, 10, { locale: 'ar-MA' })).messages[0] as unknown as Interactive;
    expect(msg.interactive.type).toBe('list');
    expect(msg.interactive.action.button).toBe('عرض الاختيارات');
    expect(msg.interactive.header).toBeUndefined();
  });

  it('maps 10 actions with 24-character titles to a list of 10 rows kept whole', () => {
    const msg = map(withButtons(10, WHATSAPP_LIMITS.rowTitle)).messages[0] as unknown as Interactive;
    expect(msg.interactive.type).toBe('list');
    const rows = (msg.interactive.action.sections as Array<{ rows: Array<{ id: string; title: string; description?: string }> }>)[0]!.rows;
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.title.length === 24 && r.description === undefined)).toBe(true);
    expect(rows[9]!.id).toBe('faq:item10');
  });

  it('shortens a long row title at a word and gives it whole in the description', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      text: 'Choisissez',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'postBack', title: 'Combien coûte le retour volontaire assisté ?', value: 'faq:avrr.cost' },
          ...Array.from({ length: 3 }, (_, i) => ({ type: 'postBack', title: `Choix ${i}`, value: `v${i}` })),
        ],
      },
    };
    const msg = map(activity).messages[0] as unknown as Interactive;
    const row = (msg.interactive.action.sections as Array<{ rows: Array<{ title: string; description?: string }> }>)[0]!.rows[0]!;
    expect(row.title).toBe('Combien coûte le…');
    expect(row.title.length).toBeLessThanOrEqual(24);
    expect(row.description).toBe('Combien coûte le retour volontaire assisté ?');
  });

  it('maps 11 actions to a numbered text menu and returns the values to remember', () => {
    const out = map(withButtons(11, 5));
    expect(out.messages).toHaveLength(1);
    const body = (out.messages[0] as unknown as { text: { body: string } }).text.body;
    expect(body).toContain('Que voulez-vous faire ?');
    expect(body).toContain('1. 01xxx\n2. 02xxx');
    expect(body).toContain('11. 11xxx');
    expect(body).toContain('numéro');
    expect(out.menuValues).toEqual(Array.from({ length: 11 }, (_, i) => `faq:item${i + 1}`));
  });

  it('sends a text longer than the interactive body before the buttons', () => {
    const long = 'Une phrase assez longue pour remplir. '.repeat(40).trim();
    const out = map({ ...withButtons(2, 5), text: long });
    expect(out.messages.map((m) => m.type)).toEqual(['text', 'interactive']);
    const msg = out.messages[1] as unknown as Interactive;
    expect(msg.interactive.body.text.length).toBeLessThanOrEqual(1024);
  });

  it('ignores typing and other non-message activities', () => {
    expect(map({ type: 'typing' }).messages).toEqual([]);
  });
});

describe('splitText', () => {
  it('keeps a text of exactly 4096 characters whole', () => {
    expect(splitText('a'.repeat(4096))).toHaveLength(1);
  });

  it('splits a longer text after the last sentence that fits', () => {
    const sentence = 'Ceci est une phrase de test. ';
    const text = sentence.repeat(200).trim(); // 5 799 characters
    const parts = splitText(text);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts[0]!.endsWith('.')).toBe(true);
    expect(parts.join(' ')).toBe(text);
  });

  it('splits after an Arabic question mark', () => {
    const text = `${'س'.repeat(3000)}؟ ${'ع'.repeat(3000)}`;
    expect(splitText(text)).toEqual([`${'س'.repeat(3000)}؟`, 'ع'.repeat(3000)]);
  });

  it('falls back to a space, then to a hard cut without breaking an emoji', () => {
    expect(splitText(`${'a'.repeat(3000)} ${'b'.repeat(3000)}`)).toEqual(['a'.repeat(3000), 'b'.repeat(3000)]);
    const emojis = '😀'.repeat(3000);
    const parts = splitText(emojis);
    expect(parts.join('')).toBe(emojis);
    expect(parts.every((p) => p.length <= 4096 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });
});

describe('helpers', () => {
  it('converts markdown', () => {
    expect(toWhatsAppMarkdown('**a** et __b__ [site](https://iom.int)')).toBe('*a* et _b_ site (https://iom.int)');
  });

  it('truncates at a word boundary with an ellipsis', () => {
    expect(truncate('Combien coûte le retour', 20)).toBe('Combien coûte le…');
    // A word boundary too far back would waste the room: cut inside the word instead.
    expect(truncate('Prendre un rendez-vous au bureau', 20)).toBe('Prendre un rendez-v…');
    expect(truncate('court', 20)).toBe('court');
  });
});
