import { TRANSCRIPT_TURN_WINDOW, type HandoffTicket, type TranscriptEntry } from '../handoffStore.js';
import { isAssigned } from './handoffStatusChecks.js';

const MAX_MEDIA = 20;

/**
 * The embedded handoff store's transcripts, per ticket id, and what each line tells of its ticket: a user
 * message awaits a caseworker's answer (and adds its media), a caseworker reply that went out gives one.
 */
export class MemoryHandoffTranscripts {
  private readonly lines = new Map<string, TranscriptEntry[]>();

  /**
   * Appends `entry` to ticket `t`'s transcript and updates `t` (and its window end, when given). False when a
   * line of the same turn is among the last {@link TRANSCRIPT_TURN_WINDOW} (a re-run turn): nothing changes.
   */
  append(t: HandoffTicket, entry: TranscriptEntry, windowClosesAt?: number): boolean {
    const list = this.lines.get(t.id) ?? [];
    if (entry.turn !== undefined && list.slice(-TRANSCRIPT_TURN_WINDOW).some((seen) => seen.turn === entry.turn)) return false;
    list.push(structuredClone(entry));
    this.lines.set(t.id, list);
    if (entry.from === 'user') {
      t.lastUserMessageAt = entry.at;
      if (isAssigned(t.status) && t.awaitingReplySince === undefined) t.awaitingReplySince = entry.at;
      if (entry.media) t.media = [...t.media, entry.media].slice(-MAX_MEDIA);
    } else if (entry.from === 'caseworker' && entry.delivery === 'sent') {
      t.lastCaseworkerReplyAt = entry.at;
      delete t.awaitingReplySince;
    }
    if (windowClosesAt !== undefined) t.windowClosesAt = windowClosesAt;
    return true;
  }

  /** The last `limit` lines of a ticket's transcript (copies), oldest first. */
  list(id: string, limit: number): TranscriptEntry[] {
    return structuredClone((this.lines.get(id) ?? []).slice(-limit));
  }

  /**
   * Marks ticket `t`'s held caseworker reply sent under `sendKey` as finally sent (or failed), and updates `t`
   * as that reply's answer says. False when there is no such held reply.
   */
  markDelivered(t: HandoffTicket, sendKey: string, delivery: 'sent' | 'failed', at: number): boolean {
    const entry = [...(this.lines.get(t.id) ?? [])].reverse().find((e) => e.sendKey === sendKey);
    if (!entry || entry.delivery !== 'held') return false;
    entry.delivery = delivery;
    if (delivery === 'sent') {
      entry.deliveredAt = at;
      t.lastCaseworkerReplyAt = Math.max(t.lastCaseworkerReplyAt ?? entry.at, entry.at);
      if (isAssigned(t.status)) {
        // A user message written after the held reply still owes an answer, from that message on.
        if (t.lastUserMessageAt !== undefined && t.lastUserMessageAt > entry.at) t.awaitingReplySince = t.lastUserMessageAt;
        else delete t.awaitingReplySince;
      }
    }
    return true;
  }

  /** Erases a ticket's transcript. */
  forget(id: string): void {
    this.lines.delete(id);
  }
}
