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
