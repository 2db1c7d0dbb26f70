import type { Translate } from '../../i18n/i18n.js';
import type { Language } from '../../i18n/languages.js';
import type { BookingRecord } from '../../stores/appointmentStore.js';
import { formatDate, formatTime } from './appointmentDates.js';
import type { BookingSettings, OrientationPoint } from './orientationPoints.js';

/** Interpolation values describing a booking in `lang`: point name, date in words, time, reference. */
export function bookingFacts(booking: Pick<BookingRecord, 'pointId' | 'date' | 'time' | 'ref'>, point: OrientationPoint | undefined, lang: Language) {
  return {
    point: point?.name[lang] ?? booking.pointId,
    date: formatDate(booking.date, lang),
    time: formatTime(booking.time),
    ref: booking.ref,
  };
}

/**
 * The confirmation sent once a booking is made or moved: reference, point, date and time in the user's
 * language, the address (or that the team will give it: none is configured by default) and what to bring.
 */
export function confirmationText(
  t: Translate,
  lang: Language,
  booking: Pick<BookingRecord, 'pointId' | 'date' | 'time' | 'ref'>,
  point: OrientationPoint | undefined,
  settings: BookingSettings,
  moved: boolean,
): string {
  const address = point?.address ? t('booking.address', { address: point.address[lang] }) : t('booking.addressFromTeam');
  return t('booking.confirmed', {
    ...bookingFacts(booking, point, lang),
    title: t(moved ? 'booking.titleMoved' : 'booking.titleBooked'),
    address,
    bring: settings.whatToBring[lang],
  });
}
