import type { TurnContext } from 'botbuilder';
import type { SafetyDetection } from '../src/domain/safety/safetyDetector.js';

/**
 * turnState key of the current turn's {@link EmergencyDetection}, set by the bot before any dialog runs
 * (so it interrupts every flow). Later turn code (the handoff queue) reads it to open an urgent ticket.
 */
export const SAFETY_DETECTION = Symbol.for('tdu.safetyDetection');

/**
 * Who recognised the emergency: the safety detector's rules (`detector`), its learned layer (`learned`, when the
 * rules stayed silent), or the matcher / a button (`intent.emergency`).
 */
export type EmergencySource = 'detector' | 'learned' | 'matcher';

/** A detection, with where it came from. Holds ids only, never the user's text. */
export interface EmergencyDetection extends SafetyDetection {
  readonly source: EmergencySource;
}

/** The emergency recognised in this turn, if any. */
export function emergencyOf(context: TurnContext): EmergencyDetection | undefined {
  return context.turnState.get(SAFETY_DETECTION) as EmergencyDetection | undefined;
}
