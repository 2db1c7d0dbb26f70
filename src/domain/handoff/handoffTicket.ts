/**
 * The handoff ticket model. Its zod schemas live with the store contract (src/stores/handoffStore.ts), because
 * stores validate what they read and may not import the domain; this is the domain's name for them.
 */
export {
  HandoffOutcome,
  HandoffPriority,
  HandoffReason,
  HandoffStatus,
  HandoffTicket,
  MediaReference,
  PRIORITIES,
  TranscriptEntry,
} from '../../stores/handoffStore.js';
