import { randomUUID } from 'node:crypto';
import type { ConversationState, TurnContext } from 'botbuilder';
import type { Translator } from '../i18n/i18n.js';
import { isLanguage, type Language } from '../i18n/languages.js';
import type { AppLogger } from '../observability/logger.js';
import { TURN_LANGUAGE } from '../../dialogs/userProfile.js';
import { describeError } from '../observability/describeError.js';

/**
 * Apologies that do not depend on i18next, so the error path works even when the failing part is the
 * translator itself.
 */
const FALLBACK_APOLOGY = {
  fr: 'Désolé, un problème technique m’a empêché de répondre. Réessayez dans un moment.',
  en: 'Sorry, a technical problem stopped me from answering. Please try again in a moment.',
  ar: 'عذرا، مشكل تقني منعني من الرد. حاول مرة أخرى بعد قليل.',
} as const satisfies Record<Language, string>;

/** Dependencies of {@link createTurnErrorHandler}. */
export interface TurnErrorHandlerDeps {
  readonly translator: Translator;
  readonly conversationState: ConversationState;
  readonly logger: AppLogger;
  readonly defaultLanguage: Language;
}

/**
 * Builds an adapter `onTurnError`: logs the failure with a correlation id (never the message text),
 * tells the user kindly in their language, and clears the conversation's dialog stack so the
 * conversation is never left stuck.
 */
export function createTurnErrorHandler(deps: TurnErrorHandlerDeps) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const correlationId = randomUUID();
    deps.logger.error(
      { correlationId, channel: context.activity.channelId, err: describeError(error) },
      'turn failed',
    );
    const known: unknown = context.turnState.get(TURN_LANGUAGE) ?? context.activity.locale?.slice(0, 2);
    const lang: Language = isLanguage(known) ? known : deps.defaultLanguage;
    let text: string = FALLBACK_APOLOGY[lang];
    try {
      text = deps.translator.forLanguage(lang)('error.apology');
    } catch {
      // Keep the built-in apology.
    }
    try {
      await context.sendActivity({ type: 'message', text, locale: lang });
    } catch (sendError) {
      deps.logger.error({ correlationId, err: { name: (sendError as Error).name } }, 'could not send the apology');
    }
    try {
      await deps.conversationState.delete(context);
    } catch {
      // The state store may be what failed; the next turn starts clean anyway when it recovers.
    }
  };
}
