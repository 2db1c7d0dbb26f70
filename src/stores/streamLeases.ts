/**
 * The places a conversation's open WebSocket streams hold, shared by every instance on one store, so the
 * streams-per-conversation limit holds across instances. Each open stream holds a lease that expires unless
 * renewed: the places of an instance that died without closing its streams free themselves.
 */
export interface StreamLeases {
  /**
   * Takes lease `leaseId` on one of the `max` stream places of `conversationId` for `ttlMs`, or renews it
   * when it is already held. Resolves false when every place is held by another lease that has not expired.
   */
  acquire(conversationId: string, leaseId: string, max: number, ttlMs: number): Promise<boolean>;
  /** Gives the place back (the stream closed). Releasing an unknown or expired lease is a no-op. */
  release(conversationId: string, leaseId: string): Promise<void>;
}
