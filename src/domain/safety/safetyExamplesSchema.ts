import { z } from 'zod';
import { SAFETY_CATEGORIES } from './safetySchema.js';

/** Name of each language's example corpus of the learned safety layer: `locales/<lng>/safety-examples.yaml`. */
export const SAFETY_EXAMPLES_FILE = 'safety-examples.yaml';

/** Longest example, in characters: an example is one message as people type it, not a document. */
export const MAX_EXAMPLE_LENGTH = 600;

const example = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_EXAMPLE_LENGTH, { error: `must be at most ${MAX_EXAMPLE_LENGTH} characters (one message)` })
  .refine((value) => /[\p{L}]/u.test(value), { error: 'must contain letters' });

const examples = z.array(example, { error: 'must be a list of example messages' });

/** Name of each language's ordinary messages of the learned safety layer: `locales/<lng>/safety-ordinary.yaml`. */
export const SAFETY_ORDINARY_FILE = 'safety-ordinary.yaml';

/**
 * `locales/<lng>/safety-ordinary.yaml`: everyday messages (questions about the return, the ticket, the papers,
 * greetings) the learned safety layer learns as "not an emergency", kept apart from the FAQ and intent examples so
 * that tuning the content does not move the safety figures. `version` is raised with every edit of the list, so a
 * change of the layer's negatives is a deliberate, visible step.
 */
export const SafetyOrdinaryFile = z.strictObject({
  version: z.int({ error: 'must be a whole number (raise it with every edit of the list)' }).positive({ error: 'must be 1 or more' }),
  ordinary: examples.min(1, { error: 'must hold at least one ordinary message' }),
});
/** Parsed `locales/<lng>/safety-ordinary.yaml`. */
export type SafetyOrdinaryFile = z.infer<typeof SafetyOrdinaryFile>;

/**
 * `locales/<lng>/safety-examples.yaml`: messages written as people type them, that the learned safety layer is
 * trained on at start-up and on every content reload. `emergency` holds emergencies by situation (the class the
 * layer answers with), `ordinary` messages that only sound alarming (paperwork "urgent", a film, a past story, a
 * health question) and must not fire. The language's `safety-ordinary.yaml` adds everyday messages.
 */
export const SafetyExamplesFile = z.strictObject({
  emergency: z.partialRecord(z.enum(SAFETY_CATEGORIES, { error: `must be one of ${SAFETY_CATEGORIES.join(', ')}` }), examples),
  ordinary: examples.min(1, { error: 'must hold at least one ordinary message (the layer learns what is not an emergency too)' }),
});
/** Parsed `locales/<lng>/safety-examples.yaml`. */
export type SafetyExamplesFile = z.infer<typeof SafetyExamplesFile>;
