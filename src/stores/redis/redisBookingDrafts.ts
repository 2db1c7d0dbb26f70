import type { RedisClient } from './redisConnection.js';
import type { BookingDraftStore, DraftDetails } from '../bookingDraftStore.js';
import type { RedisKeys } from './redisKeys.js';

/** Redis {@link BookingDraftStore}: one string per person, expiring with the hold (Redis removes it by itself). */
export class RedisBookingDrafts implements BookingDraftStore {
  /** @param now clock the expiry instants are read against, default `Date.now`. */
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly now: () => number = Date.now,
  ) {}

  async keep(personKey: string, details: DraftDetails, expiresAt: number): Promise<void> {
    const ttlMs = Math.floor(expiresAt - this.now());
    if (ttlMs <= 0) await this.client.del(this.keys.bookingDraft(personKey));
    else await this.client.set(this.keys.bookingDraft(personKey), JSON.stringify(details), 'PX', ttlMs);
  }

  async get(personKey: string): Promise<DraftDetails | undefined> {
    const json = await this.client.get(this.keys.bookingDraft(personKey));
    return json ? (JSON.parse(json) as DraftDetails) : undefined;
  }

  async forget(personKey: string): Promise<void> {
    await this.client.del(this.keys.bookingDraft(personKey));
  }
}
