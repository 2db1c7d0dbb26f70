import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { HandoffStarter, HandoffStartRequest } from '../../../dialogs/handoffStarter.js';
import { menuButtons, reply } from '../../../dialogs/replyBuilder.js';
import { HandoffQueue } from '../../domain/handoff/handoffQueue.js';
import type { HandoffTicket, MediaReference } from '../../domain/handoff/handoffTicket.js';
import { isOpenAt, localTime, nextOpening, type OfficeHours } from '../../domain/handoff/officeHours.js';
import type { Translate, Translator } from '../../i18n/i18n.js';
import { isLanguage, type Language } from '../../i18n/languages.js';
import type { AppLogger } from '../../observability/logger.js';
import { describeError } from '../../observability/describeError.js';
import { nextTurnRecordKey } from '../../../dialogs/turnRecordKey.js';

/** Button value of "back to the assistant" while a ticket is open. */
export const HANDOFF_CANCEL = 'intent.handoff_cancel';

/** Typed words that also mean "back to the assistant" while a ticket is open (after lowercasing). */
const CANCEL_WORDS = new Set(['annuler', 'cancel', 'back to the bot', 'back to the assistant', 'retour au bot', "retour a l'assistant", "retour à l'assistant", 'الرجوع', 'إلغاء', 'الغاء', 'رجوع']);

/** WhatsApp's customer-service window after the user's last message. */
const WHATSAPP_WINDOW_MS = 24 * 3600_000;

/** What the desk remembers per user (user state, erased by "delete my data"). */
export interface HandoffUserMemory {
  /** The "a person will read this" line was shown once. */
  noticeShown?: boolean;
}

/** Dependencies of {@link HandoffDesk}. */
export interface HandoffDeskDeps {
  readonly queue: HandoffQueue;
  readonly translator: Translator;
  /** When caseworkers are expected; undefined = always. */
  readonly officeHours?: OfficeHours;
  readonly memory: StatePropertyAccessor<HandoffUserMemory>;
  readonly logger: AppLogger;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
  /** Whether a message written during a handoff is an emergency (then: emergency reply, ticket raised to urgent). */
  readonly isEmergency?: (text: string) => boolean;
  /** Whether what is known of the user (e.g. a booking's pre-registration answers) shows particular vulnerability. */
  readonly isVulnerable?: (context: TurnContext) => Promise<boolean>;
  /** Sends the caseworker replies held while the WhatsApp window was closed (see heldReplies.ts), once the user wrote. */
  readonly deliverHeld?: (ticket: HandoffTicket) => Promise<unknown>;
}

/**
 * The bot's side of the handoff: opens tickets when a dialog asks (person asked for, not understood twice, media,
 * emergency, vulnerability), tells the user their place, realistic wait and office hours, and while a ticket is
 * open keeps the bot quiet and puts the user's messages in the transcript for the caseworker.
 */
export class HandoffDesk implements HandoffStarter {
  private readonly now: () => number;

  constructor(private readonly deps: HandoffDeskDeps) {
    this.now = deps.now ?? Date.now;
  }

  async start(context: TurnContext, request: HandoffStartRequest): Promise<void> {
    const t = this.deps.translator.forLanguage(request.lang);
    const activity = context.activity;
    let ticket: HandoffTicket;
    let created: boolean;
    try {
      const vulnerable = request.priority === 'normal' && (await this.deps.isVulnerable?.(context)) === true;
      ({ ticket, created } = await this.deps.queue.open({
        channel: activity.channelId,
        userId: activity.from.id,
        conversationId: activity.conversation.id,
        language: request.lang,
        priority: vulnerable ? 'vulnerable' : request.priority,
        reason: request.reason,
        summary: request.summary,
        // Media go on the ticket with the transcript line below.
        windowClosesAt: activity.channelId === 'whatsapp' ? this.now() + WHATSAPP_WINDOW_MS : undefined,
      }));
    } catch (err) {
      // The queue is down: say so kindly rather than promise a person.
      this.deps.logger.error({ err: describeError(err) }, 'handoff could not be opened');
      await context.sendActivity(reply(request.lang, t('handoff.unavailable'), menuButtons(t)));
      return;
    }
    this.deps.logger.info({ ticket: ticket.id, priority: ticket.priority, reason: request.reason, created }, 'handoff requested');
    // The message that led here opens the transcript (a typed question, a voice note), so the caseworker sees it.
    const said = typeof activity.text === 'string' && activity.text.trim() && !/^intent\.[a-z_]+$/.test(activity.text.trim()) ? activity.text : undefined;
    if (said || request.media?.length) {
      for (const [i, media] of (request.media?.length ? request.media : [undefined]).entries()) {
        await this.deps.queue.recordUserMessage(ticket.id, { text: i === 0 ? said : undefined, media, turn: nextTurnRecordKey(context, 'handoff') });
      }
    }

    const memory = await this.deps.memory.get(context, {});
    const lines: string[] = [];
    if (!memory.noticeShown) {
      lines.push(t('handoff.notice'));
      await this.deps.memory.set(context, { ...memory, noticeShown: true });
    }
    if (request.reason === 'media') lines.push(t('handoff.media'));
    lines.push(...(await this.standing(ticket, t)));
    const text = lines.join('\n\n');
    await context.sendActivity(reply(request.lang, text, [{ title: t('handoff.cancelButton'), value: HANDOFF_CANCEL }]));
    await this.deps.queue.recordBotMessage(ticket.id, text, { turn: nextTurnRecordKey(context, 'handoff') }).catch(() => undefined);
  }

  /**
   * Runs before the dialogs on every message. While the user has an open ticket, their message goes to the
   * transcript and the bot stays quiet (resolves true); "back to the assistant" cancels the ticket. "Delete my
   * data" leaves the queue and lets the dialogs handle the request. Resolves false when the bot should answer.
   */
  async intercept(context: TurnContext): Promise<boolean> {
    const activity = context.activity;
    if (activity.type !== 'message') return false;
    const value = (activity.value as { command?: unknown } | undefined)?.command ?? activity.text;
    const typed = typeof value === 'string' ? value.trim().toLowerCase() : '';
    const ticket = await this.deps.queue.openTicketOf(activity.channelId, activity.from.id);
    const lang = this.languageOf(ticket, activity.locale);
    const t = this.deps.translator.forLanguage(lang);
    if (!ticket) {
      if (typed !== HANDOFF_CANCEL) return false;
      // An old "back to the assistant" button tapped after the ticket ended.
      await context.sendActivity(reply(lang, t('handoff.cancelled'), menuButtons(t)));
      return true;
    }
    if (typed === HANDOFF_CANCEL || CANCEL_WORDS.has(typed)) {
      await this.deps.queue.cancelByUser(ticket.id);
      this.deps.logger.info({ ticket: ticket.id }, 'handoff cancelled by the user');
      await context.sendActivity(reply(lang, t('handoff.cancelled'), menuButtons(t)));
      return true;
    }
    if (typed === 'intent.delete_data') {
      await this.deps.queue.cancelByUser(ticket.id);
      return false;
    }
    const channelData = activity.channelData as { messageKind?: unknown; mediaId?: unknown } | undefined;
    const media: MediaReference | undefined =
      typeof channelData?.mediaId === 'string' && typeof channelData.messageKind === 'string'
        ? { kind: channelData.messageKind.slice(0, 20), mediaId: channelData.mediaId.slice(0, 200), at: this.now() }
        : undefined;
    const text = typeof activity.text === 'string' && activity.text.trim() ? activity.text : undefined;
    await this.deps.queue.recordUserMessage(
      ticket.id,
      { text, media, turn: nextTurnRecordKey(context, 'handoff') },
      activity.channelId === 'whatsapp' ? this.now() + WHATSAPP_WINDOW_MS : undefined,
    );
    if (activity.channelId === 'whatsapp' && this.deps.deliverHeld) {
      // The user's message reopened the window: what the caseworker wrote meanwhile goes out now, in order.
      // A failure here must not fail the turn (a re-run would record the user's message twice).
      await this.deps.deliverHeld(ticket).catch((err: unknown) => this.deps.logger.warn({ ticket: ticket.id, err: describeError(err) }, 'held caseworker replies not sent'));
    }
    if (text && ticket.priority !== 'urgent' && this.deps.isEmergency?.(text)) {
      // Safety first, even while the bot is quiet: the emergency reply, then the ticket goes to the head of the queue.
      await context.sendActivity(reply(lang, t('flows.emergency')));
      await this.deps.queue.open({ ...ticket, priority: 'urgent', reason: 'emergency' });
      this.deps.logger.info({ ticket: ticket.id }, 'handoff raised to urgent');
    }
    return true;
  }

  /** The lines telling a waiting user where they stand: place, realistic wait, office hours. */
  async standing(ticket: HandoffTicket, t: Translate): Promise<string[]> {
    const lines: string[] = [];
    const position = await this.deps.queue.position(ticket.id);
    if (position) {
      // What the user was told is the baseline of later place updates (any instance, any restart).
      await this.deps.queue.markPlaceTold(ticket, position.place, HandoffQueue.lastToldPlace(ticket)?.at).catch(() => false);
      lines.push(t(ticket.priority === 'urgent' ? 'handoff.queuedUrgent' : 'handoff.queued', { place: position.place }));
    } else {
      lines.push(t('handoff.assigned'));
      return lines;
    }
    const hours = this.deps.officeHours;
    if (hours && !isOpenAt(hours, this.now())) {
      const opening = nextOpening(hours, this.now());
      if (opening === undefined) lines.push(t('handoff.officeClosedUnknown'));
      else {
        const local = localTime(opening);
        lines.push(t('handoff.officeClosed', { day: t(`handoff.days.${local.weekday}`), time: local.time }));
      }
      return lines;
    }
    lines.push(position.estimatedWaitMs === undefined ? t('handoff.waitUnknown') : t('handoff.wait', { minutes: roundMinutes(position.estimatedWaitMs) }));
    return lines;
  }

  private languageOf(ticket: HandoffTicket | undefined, locale: string | undefined): Language {
    if (ticket) return ticket.language;
    const short = locale?.slice(0, 2);
    return isLanguage(short) ? short : 'fr';
  }
}

/** Minutes for a message: exact up to 10, then in steps of 5 (an estimate, not a promise). */
export function roundMinutes(ms: number): number {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return minutes <= 10 ? minutes : Math.round(minutes / 5) * 5;
}
