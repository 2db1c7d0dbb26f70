import type { TurnContext } from 'botbuilder';
import { formatDate } from '../src/domain/appointments/appointmentDates.js';
import { bookingFacts } from '../src/domain/appointments/appointmentMessages.js';
import type { AppointmentService } from '../src/domain/appointments/appointmentService.js';
import { COMMON_NATIONALITIES, isNationalityAnswer } from '../src/domain/appointments/nationalities.js';
import type { Translate } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import type { BookingDraft } from './bookingDraft.js';
import { personOf, phoneOf } from './bookingTurn.js';
import { reply, type Button } from './replyBuilder.js';

/** Most times offered as buttons (WhatsApp lists hold 10 rows, with back and cancel). */
const MAX_TIME_BUTTONS = 8;

/** Sends the current question; false when the stage changed instead (nothing to offer) and must be prompted again. */
export async function askBookingQuestion(
  context: TurnContext,
  draft: BookingDraft,
  lang: Language,
  t: Translate,
  s: AppointmentService,
): Promise<boolean> {
  const nav = (withBack = true): Button[] => [
    ...(withBack && draft.history.length > 0 ? [{ title: t('booking.button.back'), value: 'book:back' }] : []),
    { title: t('booking.button.cancel'), value: 'book:cancel' },
  ];
  const skip = { title: t('booking.button.skip'), value: 'book:skip' };
  const notice = draft.notice ? `${t(draft.notice.key, draft.notice.params)}\n\n` : '';
  const send = async (text: string, buttons: Button[]) => {
    await context.sendActivity(reply(lang, `${notice}${text}`, buttons));
    return true;
  };
  const point = draft.pointId ? s.point(draft.pointId) : undefined;
  switch (draft.stage) {
    case 'alreadyBooked': {
      const [booking] = await s.upcoming(personOf(context).key);
      if (!booking) {
        draft.stage = 'point';
        return false;
      }
      return send(t('booking.alreadyBooked', bookingFacts(booking, s.point(booking.pointId), lang)), [
        { title: t('booking.button.move'), value: 'book:move' },
        { title: t('booking.button.cancelAppointment'), value: `appt:cancel:${booking.ref}` },
        { title: t('booking.button.keep'), value: 'book:keep' },
      ]);
    }
    case 'point':
      return send(`${t('booking.askPoint')}\n\n${t('booking.howToLeave')}`, [
        ...s.points().map((p) => ({ title: p.name[lang], value: `book:point:${p.id}` })),
        ...nav(),
      ]);
    case 'day': {
      const days = point ? await s.freeDays(point.id) : [];
      if (!point || days.length === 0) {
        draft.notice = { key: 'booking.noDays', params: { point: point?.name[lang] ?? '' } };
        draft.stage = 'point';
        draft.history = draft.history.filter((x) => x !== 'point');
        return false;
      }
      return send(t('booking.askDay', { point: point.name[lang] }), [...days.map((d) => ({ title: formatDate(d, lang), value: `book:day:${d}` })), ...nav()]);
    }
    case 'time': {
      const times = point && draft.date ? await s.freeTimes(point.id, draft.date) : [];
      if (times.length === 0 || !draft.date) {
        draft.notice = { key: draft.notice?.key === 'booking.slotTaken' ? 'booking.slotTakenNoOther' : 'booking.noTimes' };
        draft.stage = 'day';
        draft.history = draft.history.filter((x) => x !== 'day');
        return false;
      }
      return send(t('booking.askTime', { date: formatDate(draft.date, lang) }), [
        ...times.slice(0, MAX_TIME_BUTTONS).map((x) => ({ title: x.time, value: `book:slot:${x.time}` })),
        ...nav(),
      ]);
    }
    case 'name':
      return send(t('booking.askName'), nav());
    case 'nationality':
      return send(t('booking.askNationality'), [
        ...[...COMMON_NATIONALITIES, 'other' as const].map((code) => ({ title: t(`booking.country.${code}`), value: `book:nationality:${code}` })),
        ...nav(),
      ]);
    case 'phone':
      return send(t('booking.askPhone'), [skip, ...nav()]);
    case 'consent':
      return send(t('booking.askConsent', { days: s.settings().retentionDays }), [
        { title: t('booking.button.yes'), value: 'book:consent:yes' },
        { title: t('booking.button.no'), value: 'book:consent:no' },
        ...nav(),
      ]);
    case 'adults':
      return send(`${t('booking.preIntro')}\n\n${t('booking.askAdults')}`, [
        ...[1, 2, 3, 4].map((n) => ({ title: String(n), value: `book:count:${n}` })),
        skip,
        ...nav(),
      ]);
    case 'children':
      return send(t('booking.askChildren'), [...[0, 1, 2, 3].map((n) => ({ title: String(n), value: `book:count:${n}` })), skip, ...nav()]);
    case 'document':
      return send(t('booking.askDocument'), [
        ...(['passport', 'other_id', 'none'] as const).map((d) => ({ title: t(`booking.document.${d}`), value: `book:document:${d}` })),
        skip,
        ...nav(),
      ]);
    case 'medical':
      return send(t('booking.askMedical'), [
        { title: t('booking.medical.yes'), value: 'book:medical:yes' },
        { title: t('booking.medical.no'), value: 'book:medical:no' },
        skip,
        ...nav(),
      ]);
    case 'summary': {
      if (!draft.seat || !point) {
        draft.stage = 'time';
        return false;
      }
      // Hold the seat again (refreshing its expiry) while the person reads the summary.
      const held = await s.hold(personOf(context).key, point.id, draft.seat.slot.date, draft.seat.slot.time);
      if (held.status !== 'held') return seatTaken(draft);
      draft.seat = held.seat;
      const nationality = draft.nationality && isNationalityAnswer(draft.nationality) ? t(`booking.country.${draft.nationality}`) : (draft.nationality ?? '');
      return send(
        t('booking.summary', {
          point: point.name[lang],
          date: formatDate(draft.seat.slot.date, lang),
          time: draft.seat.slot.time,
          name: draft.firstName ?? '',
          nationality,
          phone: phoneOf(draft, personOf(context)) ?? t('booking.noPhone'),
        }),
        [{ title: t('booking.button.confirm'), value: 'book:confirm' }, ...nav()],
      );
    }
  }
}

/** The seat went to someone else: say so and offer the other free times of that day. */
export function seatTaken(draft: BookingDraft): false {
  delete draft.seat;
  draft.notice = { key: 'booking.slotTaken' };
  draft.stage = 'time';
  draft.history = draft.history.slice(0, Math.max(0, draft.history.indexOf('time')));
  return false;
}
