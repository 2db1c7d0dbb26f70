/**
 * Normalises a phone number typed by a person to E.164 (`+212612345678`), or undefined when it cannot be one.
 * Moroccan numbers are accepted in local form (`06 12 34 56 78`, `0712345678`), with `00`/`+` prefixes, and with
 * spaces, dots, dashes or brackets. Foreign numbers need their country code.
 */
export function normalisePhoneNumber(text: string): string | undefined {
  const compact = text.trim().replace(/[\s.\-()/]/g, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return undefined;
  const digits = compact.replace(/^(\+|00)/, '');
  const international = compact.startsWith('+') || compact.startsWith('00');
  // Moroccan local form: 0 then 5, 6, 7 or 8, then 8 digits.
  if (!international && /^0[5-8]\d{8}$/.test(digits)) return `+212${digits.slice(1)}`;
  if (/^212[5-8]\d{8}$/.test(digits)) return `+${digits}`;
  if (digits.startsWith('212')) return undefined; // a Moroccan number of the wrong length
  if (international && /^[1-9]\d{7,14}$/.test(digits)) return `+${digits}`;
  return undefined;
}

/** The E.164 number of a WhatsApp user, from their wa_id (digits with country code). */
export function phoneFromWhatsAppId(waId: string): string | undefined {
  return /^[1-9]\d{7,14}$/.test(waId) ? `+${waId}` : undefined;
}
