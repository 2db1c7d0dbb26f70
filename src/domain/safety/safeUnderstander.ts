import type { MessageUnderstander, Understanding, UnderstandingContext } from '../nlu/understanding.js';
import { EMERGENCY_INTENT, type SafetyDetection, type SafetyDetector } from './safetyDetector.js';

/** An understanding that may carry the safety detection that decided it. */
export interface SafeUnderstanding extends Understanding {
  /** Set when the safety detector fired: `id` is then {@link EMERGENCY_INTENT}. */
  readonly safety?: SafetyDetection;
}

/**
 * What the assistant acts on for a message: the safety detector first, and the matcher only when it
 * does not fire. A firing wins over any FAQ or intent match, with score 1 and no candidates, in the
 * language the matcher detected. Used by `npm run nlu` and `nlu:eval`, so they report what users get.
 */
export function withSafety(understander: MessageUnderstander, detector: () => SafetyDetector): { understand(text: string, context?: UnderstandingContext): SafeUnderstanding } {
  return {
    understand(text, context) {
      const understanding = understander.understand(text, context);
      const safety = detector().detect(text);
      if (!safety) return understanding;
      return { lang: understanding.lang, id: EMERGENCY_INTENT, score: 1, candidates: [], safety };
    },
  };
}
