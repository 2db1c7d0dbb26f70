import { TurnOutcome, type TurnOutcomeStore } from '../turnOutcomeStore.js';

/** In-process {@link TurnOutcomeStore} for the embedded store. */
export class MemoryTurnOutcomes implements TurnOutcomeStore {
  private readonly outcomes = new Map<string, { json: string; expiresAt: number }>();

  /** @param now clock in epoch ms, default `Date.now`. */
  constructor(private readonly now: () => number = Date.now) {}

  /** Decides at the call (in-process), before anything issued after it. */
  readonly decideOrder = 'issued' as const;

  async decide(outcome: TurnOutcome, ttlMs: number): Promise<TurnOutcome> {
    const key = id(outcome.conversationKey, outcome.messageId);
    const existing = this.live(key);
    if (existing) return existing;
    this.sweep();
    this.outcomes.set(key, { json: JSON.stringify(outcome), expiresAt: this.now() + ttlMs });
    return TurnOutcome.parse(JSON.parse(JSON.stringify(outcome)));
  }

  async get(conversationKey: string, messageId: string): Promise<TurnOutcome | undefined> {
    return this.live(id(conversationKey, messageId));
  }

  async remove(conversationKey: string, messageId: string): Promise<void> {
    this.outcomes.delete(id(conversationKey, messageId));
  }

  async move(oldKey: string, newKey: string, messageIds: readonly string[], rewrite: (outcome: TurnOutcome) => TurnOutcome): Promise<void> {
    if (oldKey === newKey) return;
    for (const messageId of messageIds) {
      const from = id(oldKey, messageId);
      const outcome = this.live(from);
      const expiresAt = this.outcomes.get(from)?.expiresAt;
      this.outcomes.delete(from);
      const to = id(newKey, messageId);
      if (outcome && expiresAt !== undefined && !this.live(to)) this.outcomes.set(to, { json: JSON.stringify(rewrite(outcome)), expiresAt });
    }
  }

  private live(key: string): TurnOutcome | undefined {
    const entry = this.outcomes.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.outcomes.delete(key);
      return undefined;
    }
    return TurnOutcome.parse(JSON.parse(entry.json));
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.outcomes) if (entry.expiresAt <= now) this.outcomes.delete(key);
  }
}

function id(conversationKey: string, messageId: string): string {
  return `${conversationKey}\u0000${messageId}`;
}
