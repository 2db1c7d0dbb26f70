import { ActionTypes, ActivityTypes, type Activity, type CardAction } from 'botbuilder';
import type { Translate } from '../src/i18n/i18n.js';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../src/i18n/languages.js';

/** A button: its title (shown) and value (a command, see commands.ts). */
export interface Button {
  readonly title: string;
  readonly value: string;
}

/**
 * Builds a message in `lang` with optional buttons. The locale is set on every reply so channels can pick
 * the layout (right-to-left for Arabic) and localise their own chrome (e.g. WhatsApp list labels).
 */
export function reply(lang: Language, text: string, buttons: readonly Button[] = []): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, locale: lang, textFormat: 'markdown' };
  if (buttons.length > 0) {
    const actions: CardAction[] = buttons.map((b) => ({ type: ActionTypes.PostBack, title: b.title, value: b.value }));
    activity.suggestedActions = { actions, to: [] };
  }
  return activity;
}

/** The main menu's buttons. */
export function menuButtons(t: Translate): Button[] {
  return [
    { title: t('menu.info'), value: 'faq:avrr.what' },
    { title: t('menu.book'), value: 'intent.book' },
    { title: t('menu.human'), value: 'intent.human' },
    { title: t('menu.language'), value: 'intent.language' },
  ];
}

/** One button per shipped language, each in its own name. */
export function languageButtons(): Button[] {
  return LANGUAGES.map((lang) => ({ title: LANGUAGE_NAMES[lang], value: `lang:${lang}` }));
}

/** Button titles of intents that can be offered as choices, by i18n key. */
export const INTENT_BUTTON_KEYS: Readonly<Record<string, string>> = {
  'intent.book': 'menu.book',
  'intent.human': 'menu.human',
  'intent.language': 'menu.language',
  'intent.emergency': 'safety.button',
};
