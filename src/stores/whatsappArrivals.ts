import type { WhatsAppContactStore } from './whatsappContacts.js';
import type { WhatsAppIdentityLinks } from './whatsappIdentityLinks.js';
import type { WhatsAppUserMove } from './whatsappUserMove.js';

/**
 * Contract of the two checks a WhatsApp message meets on its way, each fused with the record of the user's last
 * inbound time (the 24-hour window) so that, on Redis, each is one script on the id's hash tag (one round trip):
 * - at the webhook, whether the sender's id is an alias of another conversation key (phone number ↔ BSUID);
 * - before the turn, whether a number change from the id was cut short (it must end before the id is answered).
 * When the check finds something, nothing is recorded: the caller resolves it, then records the time itself.
 * Memory and Redis share one contract suite.
 */
export interface WhatsAppArrivals {
  /** The conversation key `waId` is linked to (nothing recorded; the link is not renewed), else records `at` for `waId` and returns undefined. */
  arrive(waId: string, at: number): Promise<string | undefined>;
  /** The target of a number change from `waId` still pending (nothing recorded), else records `at` for `waId` and returns undefined. */
  beginTurn(waId: string, at: number): Promise<string | undefined>;
}

/** {@link WhatsAppArrivals} from the stores themselves, in two steps each (the embedded stores, and tests). */
export function composedWhatsAppArrivals(stores: {
  readonly links: Pick<WhatsAppIdentityLinks, 'resolve'>;
  readonly userMove: Pick<WhatsAppUserMove, 'pendingTarget'>;
  readonly contacts: Pick<WhatsAppContactStore, 'recordInbound'>;
}): WhatsAppArrivals {
  const unless = async (found: string | undefined, waId: string, at: number) => {
    if (found === undefined) await stores.contacts.recordInbound(waId, at);
    return found;
  };
  return {
    arrive: async (waId, at) => unless(await stores.links.resolve(waId), waId, at),
    beginTurn: async (waId, at) => unless(await stores.userMove.pendingTarget(waId), waId, at),
  };
}
