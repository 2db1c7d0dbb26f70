import type { ContentRepository } from '../src/domain/content/faqEntry.js';
import type { Translate } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import { INTENT_BUTTON_KEYS, type Button } from './replyBuilder.js';

/** The ways on after "I don't know": a person, an appointment, the menu. */
export function helpButtons(t: Translate): Button[] {
  return [
    { title: t('menu.human'), value: 'intent.human' },
    { title: t('menu.book'), value: 'intent.book' },
    { title: t('menu.back'), value: 'menu' },
  ];
}

/**
 * The button for a follow-up or a "did you mean…" offer: `faq:<id>` titled by the entry in the user's language,
 * or an intent id with its menu title; undefined when there is nothing to show (no such entry or intent button).
 */
export function answerButton(content: ContentRepository, value: string, lang: Language, t: Translate): Button | undefined {
  if (value.startsWith('faq:')) {
    const entry = content.entry(value.slice(4), lang);
    return entry ? { title: entry.title, value } : undefined;
  }
  const key = INTENT_BUTTON_KEYS[value];
  return key ? { title: t(key), value } : undefined;
}
