import type { BookingRecord, DraftDetails, HeldSeat, PreRegistration } from '../src/domain/appointments/appointmentService.js';

/** Questions of the booking flow, in order. */
export const BOOKING_STAGES = [
  'alreadyBooked',
  'point',
  'day',
  'time',
  'name',
  'nationality',
  'phone',
  'consent',
  'adults',
  'children',
  'document',
  'medical',
  'summary',
] as const;
/** One question of the booking flow. */
export type BookingStage = (typeof BOOKING_STAGES)[number];

/** Questions about the person, skipped when moving a booking whose details are known. */
export const PERSONAL_STAGES: ReadonlySet<BookingStage> = new Set(['name', 'nationality', 'phone', 'consent', 'adults', 'children', 'document', 'medical']);

/** A message shown before the next question (why it is asked again, or what was just done). */
export interface Notice {
  readonly key: string;
  readonly params?: Record<string, string | number>;
}

/**
 * Everything the booking flow collected so far. It sits in the dialog state, which lives as long as the
 * conversation, so between turns the personal answers (first name, nationality, phone, pre-registration) are
 * moved out of it ({@link takeDetails}) into the appointments' draft store, where they expire with the hold.
 */
export interface BookingDraft {
  stage: BookingStage;
  /** Stages answered, for "back". */
  history: BookingStage[];
  /** Ref of the booking being moved. */
  replaces?: string;
  /** Details are known (a move): the personal questions are skipped. */
  detailsKnown?: boolean;
  pointId?: string;
  date?: string;
  seat?: HeldSeat;
  firstName?: string;
  nationality?: string;
  phone?: string;
  phoneKnown?: boolean;
  /** The person agreed to their details being kept (a move inherits the earlier agreement). */
  consented?: boolean;
  pre: PreRegistration;
  notice?: Notice;
  /** The personal answers are in the draft store until the hold expires (not in this state). */
  detailsKept?: boolean;
}

/**
 * Removes the personal answers from `draft` and returns them, or undefined when it holds none (so nothing
 * personal stays in the dialog state between turns).
 */
export function takeDetails(draft: BookingDraft): DraftDetails | undefined {
  const { firstName, nationality, phone, pre } = draft;
  const hasAny = firstName !== undefined || nationality !== undefined || phone !== undefined || Object.keys(pre).length > 0;
  delete draft.firstName;
  delete draft.nationality;
  delete draft.phone;
  draft.pre = {};
  if (!hasAny) return undefined;
  return { pre, ...(firstName !== undefined ? { firstName } : {}), ...(nationality !== undefined ? { nationality } : {}), ...(phone !== undefined ? { phone } : {}) };
}

/** Options to begin the booking dialog with. */
export interface BookingOptions {
  /** Ref of the person's booking to move (from "my appointment" or a reminder). */
  readonly replaces?: string;
}

/** The stage after `stage`, skipping what is already known. */
export function nextStage(draft: BookingDraft, stage: BookingStage): BookingStage {
  const order = BOOKING_STAGES;
  for (let i = order.indexOf(stage) + 1; i < order.length; i += 1) {
    const candidate = order[i]!;
    if (candidate === 'phone' && draft.phoneKnown) continue;
    if (draft.detailsKnown && PERSONAL_STAGES.has(candidate)) continue;
    return candidate;
  }
  return 'summary';
}

/** Moves the draft to the next question, remembering this one for "back". */
export function advanceStage(draft: BookingDraft): void {
  draft.history.push(draft.stage);
  draft.stage = nextStage(draft, draft.stage);
}

/**
 * Turns a new draft into one that moves `old` (the person's upcoming booking): the answers it holds are reused, so
 * only the point, day and time are asked again. Unchanged without a booking to move.
 */
export function movingDraft(draft: BookingDraft, old: BookingRecord | undefined): BookingDraft {
  if (!old) return draft;
  draft.replaces = old.ref;
  if (old.firstName && old.nationality) {
    Object.assign(draft, { detailsKnown: true, consented: true, firstName: old.firstName, nationality: old.nationality, pre: old.preRegistration ?? {} });
    if (old.phone) Object.assign(draft, { phone: old.phone, phoneKnown: true });
  }
  return draft;
}
