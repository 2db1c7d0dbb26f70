import type { TurnContext } from 'botbuilder';
import { Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './dialogKit.js';
import { bookingFacts } from '../src/domain/appointments/appointmentMessages.js';
import type { AppointmentService } from '../src/domain/appointments/appointmentService.js';
import { personKeyOf } from '../src/domain/appointments/personKey.js';
import type { Translate, Translator } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import { fold } from './bookingAnswers.js';
import { BOOKING_DIALOG, BookingDialog } from './bookingDialog.js';
import type { BookingOptions } from './bookingDraft.js';
import { INTERRUPTED, InterruptibleDialog } from './interruptibleDialog.js';
import { reply } from './replyBuilder.js';

/** Id of {@link MyAppointmentDialog}. */
export const MY_APPOINTMENT_DIALOG = 'myAppointmentDialog';
const FLOW = 'myAppointmentFlow';

/** turnState key of a one-tap action from a button or reminder (`appt:cancel:<ref>`), read when the dialog begins. */
export const APPOINTMENT_ACTION = Symbol.for('tdu.appointmentAction');

/** A one-tap action on a booking. */
export interface AppointmentAction {
  readonly action: 'confirm' | 'cancel' | 'move';
  readonly ref: string;
}

/** Dependencies of {@link MyAppointmentDialog}. */
export interface MyAppointmentDialogDeps {
  readonly translator: Translator;
  readonly languageOf: (context: TurnContext) => Promise<Language>;
  readonly appointments: AppointmentService;
  /** Whether typed text asks for something that ends the flow (see {@link InterruptibleDialog}); default never. */
  readonly leavesFlow?: (text: string) => boolean;
}

const MOVE_WORDS = new Set(['deplacer', 'changer', 'modifier', 'move', 'change', 'reschedule', 'تغيير', 'بدل', 'غير', 'تبديل']);
const CANCEL_WORDS = new Set(['annuler', 'annuler le rdv', 'cancel', 'cancel it', 'الغاء', 'الغاء الموعد']);

/** Parses `appt:<action>:<ref>` or a typed "annuler" / "déplacer" about `ref`. */
function actionOf(text: string, ref: string | undefined): AppointmentAction | undefined {
  const m = /^appt:(confirm|cancel|move):([A-Z0-9]{6})$/.exec(text);
  if (m) return { action: m[1] as AppointmentAction['action'], ref: m[2]! };
  if (!ref) return undefined;
  const f = fold(text);
  if (MOVE_WORDS.has(f)) return { action: 'move', ref };
  if (CANCEL_WORDS.has(f)) return { action: 'cancel', ref };
  return undefined;
}

/**
 * "My appointment": shows the person's upcoming booking and lets them cancel or move it (a move books the new
 * time first, then frees the old one). Reminders' one-tap buttons (`appt:confirm|cancel|move:<ref>`) land here.
 */
export class MyAppointmentDialog extends InterruptibleDialog {
  constructor(private readonly deps: MyAppointmentDialogDeps) {
    super(MY_APPOINTMENT_DIALOG, deps.leavesFlow);
    this.addDialog(new BookingDialog(deps));
    this.addDialog(new WaterfallDialog(FLOW, [this.showStep.bind(this), this.actionStep.bind(this), this.afterMoveStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  protected override acceptsAsAnswer(text: string): boolean {
    return text.startsWith('appt:') || text.startsWith('book:');
  }

  private async showStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { lang, t, key } = await this.turn(step.context);
    const tapped = step.context.turnState.get(APPOINTMENT_ACTION) as AppointmentAction | undefined;
    // A tap is performed by the next step, so that a move's booking flow returns to afterMoveStep.
    if (tapped) return step.next(tapped);
    const [booking] = await this.deps.appointments.upcoming(key);
    if (!booking) {
      await step.context.sendActivity(reply(lang, t('booking.mine.none'), [{ title: t('booking.button.book'), value: 'intent.book' }, { title: t('menu.back'), value: 'menu' }]));
      return step.endDialog();
    }
    (step.values as { ref?: string }).ref = booking.ref;
    await step.context.sendActivity(
      reply(lang, t('booking.mine.show', bookingFacts(booking, this.deps.appointments.point(booking.pointId), lang)), [
        { title: t('booking.button.move'), value: `appt:move:${booking.ref}` },
        { title: t('booking.button.cancelAppointment'), value: `appt:cancel:${booking.ref}` },
        { title: t('menu.back'), value: 'menu' },
      ]),
    );
    return Dialog.EndOfTurn;
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    // After a turn, botbuilder passes the message text as the result; a tap from showStep passes an object.
    const tapped = typeof step.result === 'object' && step.result !== null ? (step.result as AppointmentAction) : undefined;
    const action = tapped ?? actionOf((step.context.activity.text ?? '').trim(), (step.values as { ref?: string }).ref);
    if (!action) return step.endDialog(INTERRUPTED);
    return this.perform(step, action);
  }

  private async afterMoveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  private async perform(step: WaterfallStepContext, { action, ref }: AppointmentAction): Promise<DialogTurnResult> {
    const { lang, t, key } = await this.turn(step.context);
    const s = this.deps.appointments;
    const booking = (await s.upcoming(key)).find((b) => b.ref === ref);
    if (!booking) {
      await step.context.sendActivity(reply(lang, t('booking.mine.notFound'), [{ title: t('booking.button.myAppointment'), value: 'intent.cancel' }, { title: t('menu.back'), value: 'menu' }]));
      return step.endDialog();
    }
    const facts = bookingFacts(booking, s.point(booking.pointId), lang);
    switch (action) {
      case 'move':
        return step.beginDialog(BOOKING_DIALOG, { replaces: ref } satisfies BookingOptions);
      case 'cancel':
        await s.cancel(key, ref);
        await step.context.sendActivity(reply(lang, t('booking.mine.cancelled', facts), [{ title: t('booking.button.book'), value: 'intent.book' }, { title: t('menu.back'), value: 'menu' }]));
        return step.endDialog();
      case 'confirm':
        await step.context.sendActivity(reply(lang, t('booking.mine.thanks', facts), [{ title: t('menu.back'), value: 'menu' }]));
        return step.endDialog();
    }
  }

  private async turn(context: TurnContext): Promise<{ lang: Language; t: Translate; key: string }> {
    const lang = await this.deps.languageOf(context);
    return { lang, t: this.deps.translator.forLanguage(lang), key: personKeyOf(context.activity.channelId, context.activity.from.id) };
  }
}
