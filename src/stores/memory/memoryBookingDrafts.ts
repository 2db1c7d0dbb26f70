import type { BookingDraftStore, DraftDetails } from '../bookingDraftStore.js';

/** In-memory {@link BookingDraftStore} (embedded mode and tests); entries are copied through JSON like Redis. */
export class MemoryBookingDrafts implements BookingDraftStore {
  private readonly entries = new Map<string, { json: string; expiresAt: number }>();

  /** @param now clock, default `Date.now` (the appointment service's, so tests move both together). */
  constructor(private readonly now: () => number = Date.now) {}

  async keep(personKey: string, details: DraftDetails, expiresAt: number): Promise<void> {
    this.sweep();
    if (expiresAt <= this.now()) this.entries.delete(personKey);
    else this.entries.set(personKey, { json: JSON.stringify(details), expiresAt });
  }

  async get(personKey: string): Promise<DraftDetails | undefined> {
    const entry = this.entries.get(personKey);
    if (!entry || entry.expiresAt <= this.now()) {
      this.entries.delete(personKey);
      return undefined;
    }
    return JSON.parse(entry.json) as DraftDetails;
  }

  async forget(personKey: string): Promise<void> {
    this.entries.delete(personKey);
  }

  /** How many entries are held, expired ones included until swept (tests check nothing is left). */
  get size(): number {
    return this.entries.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
