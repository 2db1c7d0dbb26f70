import type { TurnContext } from 'botbuilder';
import { Dialog, DialogReason, WaterfallDialog, type DialogContext, type DialogInstance, type DialogTurnResult, type WaterfallStepContext } from './dialogKit.js';
import { formatDate } from '../src/domain/appointments/appointmentDates.js';
import { confirmationText } from '../src/domain/appointments/appointmentMessages.js';
import type { AppointmentService, BookingDetails } from '../src/domain/appointments/appointmentService.js';
import { isNationalityAnswer } from '../src/domain/appointments/nationalities.js';
import { normalisePhoneNumber, phoneFromWhatsAppId } from '../src/domain/appointments/phoneNumber.js';
import type { Translate, Translator } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import * as answers from './bookingAnswers.js';
import { nextStage, takeDetails, type BookingDraft, type BookingOptions } from './bookingDraft.js';
import { askBookingQuestion, seatTaken } from './bookingQuestions.js';
import { answerOf, personOf, phoneOf } from './bookingTurn.js';
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
    const done = await this.answer(step.context, draft, text, lang, t);
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
    if (replaces) return this.movingDraft(draft, upcoming.find((b) => b.ref === replaces));
    if (upcoming.length >= this.deps.appointments.settings().maxUpcomingPerPerson) draft.stage = 'alreadyBooked';
    return draft;
  }

  private movingDraft(draft: BookingDraft, old: Awaited<ReturnType<AppointmentService['upcoming']>>[number] | undefined): BookingDraft {
    if (!old) return draft;
    draft.replaces = old.ref;
    if (old.firstName && old.nationality) {
      Object.assign(draft, { detailsKnown: true, consented: true, firstName: old.firstName, nationality: old.nationality, pre: old.preRegistration ?? {} });
      if (old.phone) Object.assign(draft, { phone: old.phone, phoneKnown: true });
    }
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

  private advance(draft: BookingDraft): void {
    draft.history.push(draft.stage);
    draft.stage = nextStage(draft, draft.stage);
  }

  /** Applies the answer to the current question; true when the flow is over. */
  private async answer(context: TurnContext, draft: BookingDraft, text: string, lang: Language, t: Translate): Promise<boolean> {
    const s = this.deps.appointments;
    const person = personOf(context);
    const value = (prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : undefined);
    const skipped = text === 'book:skip' || answers.isSkipWord(text);
    const reask = (key = 'booking.notUnderstood') => void (draft.notice = { key });
    switch (draft.stage) {
      case 'alreadyBooked': {
        if (text === 'book:move' || answers.parseYesNo(text) === true) {
          const [booking] = await s.upcoming(person.key);
          this.movingDraft(draft, booking);
          this.advance(draft);
        } else if (text === 'book:keep' || answers.parseYesNo(text) === false) {
          await context.sendActivity(reply(lang, t('menu.prompt'), [{ title: t('booking.button.myAppointment'), value: 'intent.cancel' }, { title: t('menu.back'), value: 'menu' }]));
          return true;
        } else reask();
        return false;
      }
      case 'point': {
        const id = value('book:point:') ?? answers.parsePoint(text, s.points());
        if (id && s.point(id)) {
          draft.pointId = id;
          this.advance(draft);
        } else reask();
        return false;
      }
      case 'day': {
        const point = draft.pointId ? s.point(draft.pointId) : undefined;
        const days = point ? await s.freeDays(point.id, 31) : [];
        const today = point ? s.today(point.id) : '';
        const date = value('book:day:') ?? answers.parseDay(text, days, today);
        if (date && days.includes(date)) {
          draft.date = date;
          this.advance(draft);
        } else reask();
        return false;
      }
      case 'time': {
        if (!draft.pointId || !draft.date) return false;
        const times = (await s.freeTimes(draft.pointId, draft.date)).map((x) => x.time);
        const time = value('book:slot:') ?? answers.parseTime(text, times);
        if (!time) {
          reask();
          return false;
        }
        const held = await s.hold(person.key, draft.pointId, draft.date, time);
        if (held.status === 'held') {
          draft.seat = held.seat;
          draft.notice = { key: 'booking.held', params: { date: formatDate(draft.date, lang), time, minutes: s.settings().holdMinutes } };
          this.advance(draft);
          // A new time after "just taken": the answers already given stand, straight to the summary.
          if (draft.consented) draft.stage = 'summary';
        } else if (held.status === 'taken') draft.notice = { key: 'booking.slotTaken' };
        else reask();
        return false;
      }
      case 'name': {
        const name = answers.parseFirstName(text);
        if (name) {
          draft.firstName = name;
          this.advance(draft);
        } else reask('booking.badName');
        return false;
      }
      case 'nationality': {
        const code = value('book:nationality:') ?? answers.parseNationality(text);
        if (code && isNationalityAnswer(code)) {
          draft.nationality = code;
          this.advance(draft);
        } else reask();
        return false;
      }
      case 'phone': {
        const phone = skipped ? undefined : normalisePhoneNumber(text);
        if (skipped || phone) {
          if (phone) draft.phone = phone;
          this.advance(draft);
        } else reask('booking.badPhone');
        return false;
      }
      case 'consent': {
        const yes = value('book:consent:') ? text === 'book:consent:yes' : answers.parseYesNo(text);
        if (yes === true) {
          draft.consented = true;
          this.advance(draft);
        } else if (yes === false) {
          if (draft.seat) await s.release(person.key, draft.seat.holdId);
          await context.sendActivity(
            reply(lang, t('booking.consentDeclined'), [
              { title: t('menu.info'), value: 'faq:avrr.what' },
              { title: t('menu.human'), value: 'intent.human' },
              { title: t('menu.back'), value: 'menu' },
            ]),
          );
          return true;
        } else reask();
        return false;
      }
      case 'adults':
      case 'children': {
        const n = skipped ? undefined : answers.parseCount(value('book:count:') ?? text);
        if (skipped || n !== undefined) {
          if (n !== undefined) draft.pre[draft.stage] = n;
          this.advance(draft);
        } else reask('booking.badCount');
        return false;
      }
      case 'document': {
        const doc = skipped ? undefined : (value('book:document:') as BookingDraft['pre']['document']) ?? answers.parseDocument(text);
        if (skipped || (doc && ['passport', 'other_id', 'none'].includes(doc))) {
          if (doc) draft.pre.document = doc;
          this.advance(draft);
        } else reask();
        return false;
      }
      case 'medical': {
        const yes = skipped ? undefined : value('book:medical:') ? text === 'book:medical:yes' : answers.parseYesNo(text);
        if (skipped || yes !== undefined) {
          if (yes !== undefined) draft.pre.urgentMedical = yes;
          this.advance(draft);
        } else reask();
        return false;
      }
      case 'summary':
        if (text === 'book:confirm' || answers.parseYesNo(text) === true) return this.confirm(context, draft, lang, t);
        reask();
        return false;
    }
  }

  private async confirm(context: TurnContext, draft: BookingDraft, lang: Language, t: Translate): Promise<boolean> {
    const s = this.deps.appointments;
    const person = personOf(context);
    if (!draft.seat) return false;
    const phone = phoneOf(draft, person);
    const details: BookingDetails = {
      firstName: draft.firstName ?? '',
      nationality: draft.nationality ?? 'other',
      ...(phone ? { phone } : {}),
      contact: { channel: person.channel, userId: person.userId, conversationId: person.conversationId, lang },
      preRegistration: draft.pre,
    };
    const result = await s.confirm(person.key, draft.seat, details, draft.replaces);
    switch (result.status) {
      case 'booked': {
        const point = s.point(result.booking.pointId);
        await context.sendActivity(
          reply(lang, confirmationText(t, lang, result.booking, point, s.settings(), Boolean(draft.replaces)), [
            { title: t('booking.button.myAppointment'), value: 'intent.cancel' },
            { title: t('menu.back'), value: 'menu' },
          ]),
        );
        return true;
      }
      case 'taken':
        seatTaken(draft);
        return false;
      case 'limit':
        draft.history = [];
        draft.stage = 'alreadyBooked';
        return false;
      case 'not_movable':
        await context.sendActivity(reply(lang, t('booking.notMovable'), [{ title: t('booking.button.book'), value: 'intent.book' }, { title: t('menu.back'), value: 'menu' }]));
        return true;
    }
  }
}
