/**
 * Decision rules between near neighbours that the topic model cannot learn from its features: it reads words,
 * word pairs and concepts, so "je veux plus le rdv" looks like "je veux le rdv" (plus is a function word) and "je
 * ne peux pas venir à Casa, vous avez un autre endroit ?" like "je ne peux pas venir demain". Each rule reads the
 * normalised message (normalise.ts: lowercase, no accents, SMS spellings expanded, hamza folded) for one frame
 * — what the message does with the appointment, the data, the person — and, when the model's best id is one of
 * the rule's `from` ids and the rule's id is among its first candidates, puts the rule's id first.
 */
export interface NeighbourRule {
  /** What the rule decides, for tests and tuning. */
  readonly name: string;
  /** Ids the model's best candidate must be one of for the rule to look at the message. */
  readonly from: readonly string[];
  /** Id put first when the frame is found. */
  readonly to: string;
  /** How far down the model's ranking `to` may be (1 = the runner-up). */
  readonly within: number;
  /** Whether the normalised message has the frame. */
  readonly applies: (normalised: string) => boolean;
}
