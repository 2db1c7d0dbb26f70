// The field types the settings of every area share (src/config/*Settings.ts): the same rules everywhere for a port,
// a count, an optional string, a yes/no.
import { z } from 'zod';

/** A TCP port, 0 to 65535. */
export const port = z.coerce.number().int().min(0).max(65535);
/** An integer from 0 to `max`; unset or empty gives `fallback`. */
export const nonNegativeIntOr = (fallback: number, max: number) =>
  z.union([z.literal('').transform(() => fallback), z.coerce.number().int().min(0).max(max)]).optional().transform((v) => v ?? fallback);
/** An integer above 0. */
export const positiveInt = z.coerce.number().int().positive();
/** A string; unset, or empty once trimmed, gives undefined. */
export const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));
/** true/false, 1/0, yes/no. */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
