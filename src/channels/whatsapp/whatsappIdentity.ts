import type { WhatsAppArrivals } from '../../stores/whatsappArrivals.js';
import type { WhatsAppIdentityLinks } from '../../stores/whatsappIdentityLinks.js';
import type { WhatsAppContactStore } from './contactStore.js';
import type { SenderIds } from './webhookPayload.js';

/** What {@link conversationIdOf} reads and records. */
export interface IdentityDeps {
  readonly links: Pick<WhatsAppIdentityLinks, 'link' | 'resolve'>;
  /** Whether an id already has a conversation (its contact record: every message records one). */
  readonly contacts: Pick<WhatsAppContactStore, 'lastInboundAt'>;
}

/**
 * The id a sender's conversation is keyed by. A user may be seen first by phone number and later only by BSUID
 * (they adopted a username), or the reverse; the first id a conversation was seen with stays its key:
 * - a message naming both ids links the other one to the key (the phone number, unless only the BSUID has a
 *   conversation already), renewing the link;
 * - a message naming one id is keyed by whatever that id is linked to, else by `fallback` (its own id).
 */
export async function conversationIdOf(sender: SenderIds, fallback: string, deps: IdentityDeps): Promise<string> {
  const { phone, bsuid } = sender;
  const known = (phone !== undefined ? await deps.links.resolve(phone) : undefined) ?? (bsuid !== undefined ? await deps.links.resolve(bsuid) : undefined);
  if (phone === undefined || bsuid === undefined) return known ?? fallback;
  const key = known ?? ((await deps.contacts.lastInboundAt(phone)) === undefined && (await deps.contacts.lastInboundAt(bsuid)) !== undefined ? bsuid : phone);
  if (key !== phone) await deps.links.link(phone, key);
  if (key !== bsuid) await deps.links.link(bsuid, key);
  return key;
}

/** What {@link recordArrival} reads and records. */
export interface ArrivalDeps extends IdentityDeps {
  readonly arrivals: Pick<WhatsAppArrivals, 'arrive'>;
  readonly contacts: Pick<WhatsAppContactStore, 'lastInboundAt' | 'recordInbound'>;
}

/**
 * The conversation id of a user's message (as {@link conversationIdOf}), with the time they wrote recorded on it
 * (the 24-hour window). A message naming one id, the usual case, costs one store step (`arrive`: the link check and
 * the record together); only a linked id (renewing its link) or a message naming both ids takes more.
 */
export async function recordArrival(sender: SenderIds, fallback: string, at: number, deps: ArrivalDeps): Promise<string> {
  const { phone, bsuid } = sender;
  const only = phone === undefined ? bsuid : bsuid === undefined ? phone : undefined;
  if (only !== undefined && only === fallback) {
    const linked = await deps.arrivals.arrive(only, at);
    if (linked === undefined) return only;
    await deps.links.resolve(only); // renews the link and its key's alias set
    await deps.contacts.recordInbound(linked, at);
    return linked;
  }
  const key = phone === undefined && bsuid === undefined ? fallback : await conversationIdOf(sender, fallback, deps);
  await deps.contacts.recordInbound(key, at);
  return key;
}
