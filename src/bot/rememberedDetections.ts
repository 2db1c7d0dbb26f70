import type { SafetyDetection, SafetyDetector } from '../domain/safety/safetyDetector.js';

/** Texts whose detection each detector keeps: more than the turns one worker runs at once. */
const REMEMBERED_TEXTS = 64;

/**
 * The current safety detector, remembering its last detections by text. A turn asks twice about the same message
 * (the bot before any dialog, then the root dialog's understanding), with awaits between, so other turns of the
 * same worker read their own messages in between and the detector's single last reading is gone by the second
 * ask: under load about 40% of the detector's CPU went to reading a message again. A rebuilt detector (content
 * reload) starts with nothing remembered, so a detection never outlives the content that made it.
 */
export function rememberDetections(current: () => SafetyDetector, size = REMEMBERED_TEXTS): () => SafetyDetector {
  const wrapped = new WeakMap<SafetyDetector, SafetyDetector>();
  return () => {
    const detector = current();
    let remembering = wrapped.get(detector);
    if (!remembering) {
      remembering = rememberingDetector(detector, size);
      wrapped.set(detector, remembering);
    }
    return remembering;
  };
}

function rememberingDetector(detector: SafetyDetector, size: number): SafetyDetector {
  // Insertion order is age: the oldest text goes first once `size` are kept.
  const seen = new Map<string, SafetyDetection | null>();
  const remembering: SafetyDetector = {
    detect(text) {
      const known = seen.get(text);
      if (known !== undefined || seen.has(text)) return known ?? null;
      const detection = detector.detect(text);
      if (seen.size >= size) seen.delete(seen.keys().next().value as string);
      seen.set(text, detection);
      return detection;
    },
    reply: (lang, category) => detector.reply(lang, category),
  };
  if (detector.framed) remembering.framed = (text) => detector.framed!(text);
  return remembering;
}
