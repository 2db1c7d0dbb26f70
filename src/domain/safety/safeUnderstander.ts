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
 * language of the safety words found (else the one the matcher detected). The matcher's own `intent.emergency` is not acted on when the detector
 * stays silent: it is offered first among the "did you mean…" candidates instead (one tap away), because
 * the matcher confuses alarming-sounding ordinary messages ("urgent, my file…") with emergencies.
 * Used by the bot, `npm run nlu` and `nlu:eval`, so the tools report what users get.
 */
export function withSafety(understander: MessageUnderstander, detector: () => SafetyDetector): { understand(text: string, context?: UnderstandingContext): SafeUnderstanding } {
  return {
    understand(text, context) {
      const understanding = understander.understand(text, context);
      const safety = detector().detect(text);
      if (!safety && understanding.id === EMERGENCY_INTENT) {
        const others = understanding.candidates.filter((c) => c.id !== EMERGENCY_INTENT);
        return { ...understanding, id: null, candidates: [{ id: EMERGENCY_INTENT, score: understanding.score }, ...others].slice(0, Math.max(1, understanding.candidates.length)) };
      }
      if (!safety) return understanding;
      return { lang: safety.lang ?? understanding.lang, id: EMERGENCY_INTENT, score: 1, candidates: [], safety };
    },
  };
}
