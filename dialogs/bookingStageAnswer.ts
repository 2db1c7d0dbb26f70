import type { TurnContext } from 'botbuilder';
import { formatDate } from '../src/domain/appointments/appointmentDates.js';
import { confirmationText } from '../src/domain/appointments/appointmentMessages.js';
import type { AppointmentService, BookingDetails } from '../src/domain/appointments/appointmentService.js';
import { isNationalityAnswer } from '../src/domain/appointments/nationalities.js';
import { normalisePhoneNumber } from '../src/domain/appointments/phoneNumber.js';
import type { Translate } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import * as answers from './bookingAnswers.js';
import { advanceStage, movingDraft, type BookingDraft } from './bookingDraft.js';
import { seatTaken } from './bookingQuestions.js';
import { personOf, phoneOf } from './bookingTurn.js';
import { reply } from './replyBuilder.js';

/**
 * Applies a typed or tapped answer to the booking draft's current question (the draft changes in place: next stage,
 * a notice to show, the held seat); true when the flow is over.
 */
export async function answerBookingStage(
s: AppointmentService,
context: TurnContext,
draft: BookingDraft,
text: string,
lang: Language,
t: Translate,
): Promise<boolean> {
  const person = personOf(context);
  const value = (prefix: string) => (text.startsWith(prefix) ? text.slice(prefix.length) : undefined);
  const skipped = text === 'book:skip' || answers.isSkipWord(text);
  const reask = (key = 'booking.notUnderstood') => void (draft.notice = { key });
  switch (draft.stage) {
    case 'alreadyBooked': {
      if (text === 'book:move' || answers.parseYesNo(text) === true) {
        const [booking] = await s.upcoming(person.key);
        movingDraft(draft, booking);
        advanceStage(draft);
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
        advanceStage(draft);
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
        advanceStage(draft);
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
        advanceStage(draft);
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
        advanceStage(draft);
      } else reask('booking.badName');
      return false;
    }
    case 'nationality': {
      const code = value('book:nationality:') ?? answers.parseNationality(text);
      if (code && isNationalityAnswer(code)) {
        draft.nationality = code;
        advanceStage(draft);
      } else reask();
      return false;
    }
    case 'phone': {
      const phone = skipped ? undefined : normalisePhoneNumber(text);
      if (skipped || phone) {
        if (phone) draft.phone = phone;
        advanceStage(draft);
      } else reask('booking.badPhone');
      return false;
    }
    case 'consent': {
      const yes = value('book:consent:') ? text === 'book:consent:yes' : answers.parseYesNo(text);
      if (yes === true) {
        draft.consented = true;
        advanceStage(draft);
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
        advanceStage(draft);
      } else reask('booking.badCount');
      return false;
    }
    case 'document': {
      const doc = skipped ? undefined : (value('book:document:') as BookingDraft['pre']['document']) ?? answers.parseDocument(text);
      if (skipped || (doc && ['passport', 'other_id', 'none'].includes(doc))) {
        if (doc) draft.pre.document = doc;
        advanceStage(draft);
      } else reask();
      return false;
    }
    case 'medical': {
      const yes = skipped ? undefined : value('book:medical:') ? text === 'book:medical:yes' : answers.parseYesNo(text);
      if (skipped || yes !== undefined) {
        if (yes !== undefined) draft.pre.urgentMedical = yes;
        advanceStage(draft);
      } else reask();
      return false;
    }
    case 'summary':
      if (text === 'book:confirm' || answers.parseYesNo(text) === true) return confirmBooking(s, context, draft, lang, t);
      reask();
      return false;
  }
}

/** Books the held seat with the answers given (or moves the booking it replaces); true when the flow is over. */
async function confirmBooking(s: AppointmentService, context: TurnContext, draft: BookingDraft, lang: Language, t: Translate): Promise<boolean> {
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
