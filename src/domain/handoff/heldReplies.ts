import type { AppLogger } from '../../observability/logger.js';
import type { HandoffQueue } from './handoffQueue.js';
import type { HandoffTicket } from './handoffTicket.js';
import type { UserMessenger } from './userMessenger.js';

/** Dependencies of {@link createHeldReplyDelivery}. */
export interface HeldReplyDeps {
  readonly queue: HandoffQueue;
  readonly messenger: Pick<UserMessenger, 'sendHeld'>;
  readonly logger: AppLogger;
}

/**
 * Sends the caseworker replies a ticket's channel held while the WhatsApp 24-hour window was closed, once the user
 * wrote again: oldest first, each the channel's own held message (taken atomically, so it goes out once even with
 * several instances), marked delivered in the transcript only once the channel sent it. Stops at the first one that
 * does not go out now, so later replies never overtake it. Resolves how many went out (or had gone out elsewhere).
 */
export function createHeldReplyDelivery(deps: HeldReplyDeps): (ticket: HandoffTicket) => Promise<number> {
  return async (ticket) => {
    const sendHeld = deps.messenger.sendHeld;
    if (!sendHeld) return 0;
    let delivered = 0;
    for (const entry of await deps.queue.heldReplies(ticket.id)) {
      const result = await sendHeld(ticket, entry.sendKey);
      if (result === 'sent' || result === 'failed' || result === 'gone') {
        // gone: erased or expired, never delivered as far as anyone knows; said so rather than left "held" forever.
        await deps.queue.markDelivered(ticket.id, entry.sendKey, result === 'sent' ? 'sent' : 'failed');
      }
      if (result === 'gone') continue;
      if (result !== 'sent') {
        // held: the window is still closed; failed: dead-lettered (staff list); undefined: another instance sends it.
        deps.logger.info({ ticket: ticket.id, result: result ?? 'being sent elsewhere' }, 'held caseworker reply not sent now');
        break;
      }
      delivered++;
    }
    if (delivered > 0) deps.logger.info({ ticket: ticket.id, delivered }, 'held caseworker replies sent after the user wrote');
    return delivered;
  };
}
