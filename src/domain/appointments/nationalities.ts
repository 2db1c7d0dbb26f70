/**
 * Nationalities offered as buttons, most common first: the four main countries of return in 2024 (Côte d'Ivoire,
 * Senegal, Guinea, Mali; facts.md), then two more covered by the programme's Foras project (Cameroon, Burkina
 * Faso). Anything else is `other`. Codes are ISO 3166-1 alpha-2; names live in locales under `booking.country.*`.
 */
export const COMMON_NATIONALITIES = ['CI', 'SN', 'GN', 'ML', 'CM', 'BF'] as const;
/** A nationality answer: one of the common codes, or `other`. */
export type NationalityAnswer = (typeof COMMON_NATIONALITIES)[number] | 'other';

/** Whether `value` is a nationality answer. */
export function isNationalityAnswer(value: string): value is NationalityAnswer {
  return value === 'other' || (COMMON_NATIONALITIES as readonly string[]).includes(value);
}
