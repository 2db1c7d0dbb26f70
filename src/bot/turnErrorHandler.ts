import { randomUUID } from 'node:crypto';
import type { ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Translator } from '../i18n/i18n.js';
import { isLanguage, type Language } from '../i18n/languages.js';
import type { AppLogger } from '../observability/logger.js';
import { TURN_LANGUAGE, type UserProfile } from '../../dialogs/userProfile.js';
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

/** Dependencies of {@link createApology}. */
export interface ApologyDeps {
  readonly translator: Translator;
  readonly conversationState: ConversationState;
  /** The user's profile, for the language to apologise in. */
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly defaultLanguage: Language;
}

/**
 * Turn logic for a message the inbound queue gave up on (its turn failed on every attempt): tells the user once,
 * kindly and in their language, that a technical problem stopped the answer, and clears the conversation's
 * dialog stack so the next message starts clean instead of failing the same way. Each step falls back on its
 * own (built-in apology, default language), so it works even when the failing part is the translator or the store.
 */
export function createApology(deps: ApologyDeps) {
  return async (context: TurnContext): Promise<void> => {
    let known: unknown = context.activity.locale?.slice(0, 2);
    try {
      known = (await deps.profile.get(context, {})).language ?? known;
    } catch {
      // The store may be what failed: use the activity's locale or the default.
    }
    const lang: Language = isLanguage(known) ? known : deps.defaultLanguage;
    let text: string = FALLBACK_APOLOGY[lang];
    try {
      text = deps.translator.forLanguage(lang)('error.apology');
    } catch {
      // Keep the built-in apology.
    }
    await context.sendActivity({ type: 'message', text, locale: lang });
    try {
      await deps.conversationState.delete(context);
    } catch {
      // The state store may be what failed; the next turn starts clean anyway when it recovers.
    }
  };
}

/**
 * Builds an adapter `onTurnError` for turns not driven by the inbound queue (the Bot Framework route): logs the failure with a correlation id (never the message text),
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
