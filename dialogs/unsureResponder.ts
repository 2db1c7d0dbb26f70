import type { TurnContext } from 'botbuilder';
import type { ContentRepository } from '../src/domain/content/faqEntry.js';
import type { Understanding } from '../src/domain/nlu/understanding.js';
import type { Translate } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import type { AppLogger } from '../src/observability/logger.js';
import { answerButton, helpButtons } from './answerButtons.js';
import type { ConversationNotes } from './conversationNotes.js';
import { reply, type Button } from './replyBuilder.js';
import { nextTurnRecordKey } from './turnRecordKey.js';

/** Where unanswered questions go for staff (anonymised by the implementation; once per `recordKey`). */
export interface UnansweredRecorder {
  record(entry: { text: string; lang: Language; at: number; candidates: ReadonlyArray<{ id: string; score: number }>; recordKey?: string }): Promise<void>;
}

/** Dependencies of {@link UnsureResponder}. */
export interface UnsureResponderDeps {
  readonly content: ContentRepository;
  readonly notes: ConversationNotes;
  readonly logger: AppLogger;
  readonly unanswered?: UnansweredRecorder;
  /** Hands the user to a caseworker; without it a second miss in a row gets the usual "I don't know". */
  readonly handOff?: (context: TurnContext, lang: Language) => Promise<void>;
}

/**
 * What the assistant does with a message it did not understand: "did you mean…" with the plausible candidates, an
 * honest "I don't know" (the question kept for staff), and a person after the second miss in a row.
 */
export class UnsureResponder {
  constructor(private readonly deps: UnsureResponderDeps) {}

  /** Counts a message not understood; on the second in a row, hands the user to a person (true). */
  async secondInARow(context: TurnContext, lang: Language): Promise<boolean> {
    const count = await this.deps.notes.countUnsure(context);
    if (count < 2 || !this.deps.handOff) return false;
    await this.deps.notes.resetUnsure(context);
    await this.deps.handOff(context, lang);
    return true;
  }

  /** "Did you mean…" when there are plausible candidates, else an honest "I don't know". */
  async reply(context: TurnContext, text: string, u: Understanding, lang: Language, t: Translate): Promise<void> {
    const buttons = u.candidates
      .map((c) => answerButton(this.deps.content, c.id.startsWith('intent.') ? c.id : `faq:${c.id}`, lang, t))
      .filter((b): b is Button => b !== undefined)
      .slice(0, 3);
    if (buttons.length > 0) {
      await this.deps.notes.keepPendingQuestion(context, text, lang);
      buttons.push({ title: t('faq.noneOfThese'), value: 'none' });
      await context.sendActivity(reply(lang, t('faq.didYouMean'), buttons));
      return;
    }
    await this.record(context, text, lang, u.candidates);
    await context.sendActivity(reply(lang, t('faq.dontKnow'), helpButtons(t)));
  }

  /** Keeps an unanswered question for staff; a failure to keep it never costs the user an answer. */
  async record(context: TurnContext, text: string, lang: Language, candidates: ReadonlyArray<{ id: string; score: number }>): Promise<void> {
    if (!this.deps.unanswered) return;
    // Keyed by the inbound message and the record's place in its turn, so a re-run turn records it once.
    const recordKey = nextTurnRecordKey(context, 'unanswered');
    try {
      await this.deps.unanswered.record({ text, lang, at: Date.now(), candidates, recordKey });
    } catch (err) {
      // Losing a statistic must not cost the user an answer.
      this.deps.logger.warn({ err: { name: (err as Error).name } }, 'could not record an unanswered question');
    }
  }
}
