import type { Language } from '../../i18n/languages.js';
import { isBusinessScopedUserId } from './whatsappUserId.js';

// WhatsApp shares no profile language. What a webhook does say about the person is the country of their
// number (its calling code, or the country prefix of a business-scoped user id) and their profile name. Used
// only until the conversation has a language of its own, so a very short first message ("ok", "Body Text")
// is answered in a language the person likely reads rather than in the default one.

const EN = 'en';
const FR = 'fr';
const AR = 'ar';
/** Calling code → likely language; `null` marks codes that say nothing (Morocco: every user has one). */
const CALLING_CODES: ReadonlyMap<string, Language | null> = new Map<string, Language | null>([
  ['212', null],
  ...['234', '233', '231', '232', '220', '254', '256', '260', '263', '265', '267', '211', '44', '27', '1'].map((c) => [c, EN] as const),
  ...['225', '221', '224', '223', '226', '227', '228', '229', '237', '243', '242', '241', '235', '236', '257', '261', '33', '32'].map((c) => [c, FR] as const),
  ...['213', '216', '218', '249', '966', '971', '963', '964', '962', '961', '20'].map((c) => [c, AR] as const),
]);
/** ISO country (prefix of a BSUID) → likely language. */
const COUNTRIES: ReadonlyMap<string, Language> = new Map<string, Language>([
  ...['NG', 'GH', 'LR', 'SL', 'GM', 'KE', 'UG', 'ZM', 'ZW', 'MW', 'BW', 'SS', 'GB', 'ZA', 'US', 'CA'].map((c) => [c, EN] as const),
  ...['CI', 'SN', 'GN', 'ML', 'BF', 'NE', 'TG', 'BJ', 'CM', 'CD', 'CG', 'GA', 'TD', 'CF', 'BI', 'MG', 'FR', 'BE'].map((c) => [c, FR] as const),
  ...['DZ', 'TN', 'LY', 'SD', 'SA', 'AE', 'SY', 'IQ', 'JO', 'LB', 'EG'].map((c) => [c, AR] as const),
]);
const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F]/;

/**
 * The language a WhatsApp user likely reads, from what the webhook says about them: an Arabic-script profile
 * name → ar; else the country of their number or BSUID (Nigeria → en, Senegal → fr, Algeria → ar, …;
 * Morocco and unknown countries → none). The name is read here and never kept.
 */
export function languageHintOf(userId: string, profileName?: string): Language | undefined {
  if (profileName && ARABIC_LETTER.test(profileName)) return AR;
  if (isBusinessScopedUserId(userId)) return COUNTRIES.get(userId.slice(0, 2));
  for (const length of [3, 2, 1]) {
    const hint = CALLING_CODES.get(userId.slice(0, length));
    if (hint !== undefined) return hint ?? undefined;
  }
  return undefined;
}
