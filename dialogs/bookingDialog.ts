import type { TurnContext } from 'botbuilder';
import { Dialog, DialogReason, WaterfallDialog, type DialogContext, type DialogInstance, type DialogTurnResult, type WaterfallStepContext } from './dialogKit.js';
import type { AppointmentService } from '../src/domain/appointments/appointmentService.js';
import { phoneFromWhatsAppId } from '../src/domain/appointments/phoneNumber.js';
import type { Translator } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import * as answers from './bookingAnswers.js';
import { movingDraft, takeDetails, type BookingDraft, type BookingOptions } from './bookingDraft.js';
import { answerBookingStage } from './bookingStageAnswer.js';
import { askBookingQuestion } from './bookingQuestions.js';
import { answerOf, personOf } from './bookingTurn.js';
import { InterruptibleDialog } from './interruptibleDialog.js';
import { reply } from './replyBuilder.js';

/** Id of {@link BookingDialog}. */
export const BOOKING_DIALOG = 'bookingDialog';
const FLOW = 'bookingFlow';

/** Dependencies of {@link BookingDialog}. */
export interface BookingDialogDeps {
  readonly translator: Translator;
  readonly languageOf: (context: TurnContext) => Promise<Language>;
  readonly appointments: AppointmentService;
  /** Whether typed text asks for something that ends the flow (see {@link InterruptibleDialog}); default never. */
  readonly leavesFlow?: (text: string) => boolean;
}

/**
 * Books an orientation appointment, one question per turn: point → day → time (the seat is held) → first name →
 * nationality → phone (web chat) → consent → optional pre-registration → summary → confirm. Every choice is a
 * button with a stable `book:*` value, and typed answers work too. "Back" and "cancel" work at every step.
 */
export class BookingDialog extends InterruptibleDialog {
  constructor(private readonly deps: BookingDialogDeps) {
    super(BOOKING_DIALOG, deps.leavesFlow);
    this.addDialog(new WaterfallDialog<BookingDraft>(FLOW, [this.promptStep.bind(this), this.answerStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  protected override acceptsAsAnswer(text: string): boolean {
    return text.startsWith('book:');
  }

  /** Another flow takes over: the held seat is let go at once rather than when the hold expires. */
  protected override async interrupt(innerDc: DialogContext): Promise<DialogTurnResult> {
    await this.deps.appointments.release(personOf(innerDc.context).key);
    return super.interrupt(innerDc);
  }

  /**
   * However the flow ends (booked, cancelled, consent declined, interrupted, replaced), the draft answers are erased
   * now: a booking holds its own copy, and an unfinished one must leave nothing.
   */
  override async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    const person = personOf(context).key;
    await this.deps.appointments.forgetDraft(person);
    if (reason === DialogReason.cancelCalled) await this.deps.appointments.release(person);
    await super.endDialog(context, instance, reason);
  }

  private async promptStep(step: WaterfallStepContext<BookingDraft>): Promise<DialogTurnResult> {
    const draft = 'stage' in (step.options ?? {}) ? step.options : await this.start(step.context, step.options as BookingOptions | undefined);
    (step.values as { draft?: BookingDraft }).draft = draft;
    const lang = await this.deps.languageOf(step.context);
    const t = this.deps.translator.forLanguage(lang);
    const sent = await askBookingQuestion(step.context, draft, lang, t, this.deps.appointments);
    if (!sent) return step.replaceDialog(FLOW, draft);
    // Until the next answer the personal answers live only in the draft store, expiring with the hold.
    const details = takeDetails(draft);
    if (details) {
      await this.deps.appointments.keepDraft(personOf(step.context).key, details, draft.seat?.expiresAt);
      draft.detailsKept = true;
    }
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext<BookingDraft>): Promise<DialogTurnResult> {
    const draft = (step.values as { draft: BookingDraft }).draft;
    delete draft.notice;
    const text = answerOf(step.context);
    const lang = await this.deps.languageOf(step.context);
    const t = this.deps.translator.forLanguage(lang);
    const person = personOf(step.context);
    const cancelling = text === 'book:cancel' || answers.isCancelWord(text);
    if (draft.detailsKept) {
      const kept = await this.deps.appointments.draft(person.key);
      if (!kept && !cancelling) {
        // The hold expired and the answers with it: say so rather than ask to fill them in again silently.
        if (draft.seat) await this.deps.appointments.release(person.key, draft.seat.holdId);
        await step.context.sendActivity(reply(lang, t('booking.expired'), [{ title: t('booking.button.book'), value: 'intent.book' }, { title: t('menu.back'), value: 'menu' }]));
        return step.endDialog();
      }
      Object.assign(draft, kept);
    }
    if (cancelling) {
      if (draft.seat) await this.deps.appointments.release(person.key, draft.seat.holdId);
      await step.context.sendActivity(reply(lang, t('booking.cancelled'), [{ title: t('menu.back'), value: 'menu' }]));
      return step.endDialog();
    }
    if (text === 'book:back' || answers.isBackWord(text)) {
      await this.back(person.key, draft);
      return step.replaceDialog(FLOW, draft);
    }
    const done = await answerBookingStage(this.deps.appointments, step.context, draft, text, lang, t);
    return done ? step.endDialog() : step.replaceDialog(FLOW, draft);
  }

  /** A new draft; a person who already has an upcoming booking is offered to move it. */
  private async start(context: TurnContext, options: BookingOptions | undefined): Promise<BookingDraft> {
    const person = personOf(context);
    // The WhatsApp number is read from the account when needed (phoneOf), never copied into the draft.
    const phoneKnown = person.channel === 'whatsapp' && phoneFromWhatsAppId(person.userId) !== undefined;
    const draft: BookingDraft = { stage: 'point', history: [], pre: {}, ...(phoneKnown ? { phoneKnown } : {}) };
    const upcoming = await this.deps.appointments.upcoming(person.key);
    const replaces = options?.replaces ?? undefined;
    if (replaces) return movingDraft(draft, upcoming.find((b) => b.ref === replaces));
    if (upcoming.length >= this.deps.appointments.settings().maxUpcomingPerPerson) draft.stage = 'alreadyBooked';
    return draft;
  }

  /** Goes one question back; leaving the time question lets the held seat go. */
  private async back(personKey: string, draft: BookingDraft): Promise<void> {
    const previous = draft.history.pop();
    if (!previous) return;
    draft.stage = previous;
    if (['point', 'day', 'time'].includes(previous) && draft.seat) {
      await this.deps.appointments.release(personKey, draft.seat.holdId);
      delete draft.seat;
    }
  }
}
