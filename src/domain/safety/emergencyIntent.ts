/**
 * The catalogue id the assistant acts on when the safety detector fires. In a module of its own so the understander
 * (which the main thread trains) can name it without loading the detector into that thread.
 */
export const EMERGENCY_INTENT = 'intent.emergency';
