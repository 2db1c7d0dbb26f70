import { ConversationState, UserState, type Storage, type TurnContext } from 'botbuilder';
import { RootDialog, type UnansweredRecorder } from '../../dialogs/rootDialog.js';
import { TURN_LANGUAGE, type ConversationMemory, type UserProfile } from '../../dialogs/userProfile.js';
import type { AppointmentService } from '../domain/appointments/appointmentService.js';
import { personKeyOf } from '../domain/appointments/personKey.js';
import type { ContentRepository } from '../domain/content/faqEntry.js';
import type { MessageUnderstander } from '../domain/nlu/understanding.js';
import type { SafetyDetector } from '../domain/safety/safetyDetector.js';
import { withSafety } from '../domain/safety/safeUnderstander.js';
import type { EmergencyResponderDeps } from '../../dialogs/emergencyResponder.js';
import type { Translator } from '../i18n/i18n.js';
import type { Language } from '../i18n/languages.js';
import type { AppLogger } from '../observability/logger.js';
import type { HandoffQueue } from '../domain/handoff/handoffQueue.js';
import type { HandoffTicket } from '../domain/handoff/handoffTicket.js';
import type { OfficeHours } from '../domain/handoff/officeHours.js';
import { isVulnerablePreRegistration } from '../domain/handoff/vulnerability.js';
import { AssistantBot } from './assistantBot.js';
import { rememberDetections } from './rememberedDetections.js';
import { createApology, createTurnErrorHandler } from './turnErrorHandler.js';
import { HandoffDesk, type HandoffUserMemory } from './handoff/handoffDesk.js';

/** Dependencies of {@link createAssistantBot}. */
export interface AssistantBotParts {
  /** State storage (Redis or memory), with eTags and idle expiry. */
  readonly storage: Storage;
  readonly translator: Translator;
  readonly understander: () => MessageUnderstander;
  readonly content: ContentRepository;
  readonly unanswered?: UnansweredRecorder;
  readonly defaultLanguage: Language;
  readonly logger: AppLogger;
  /** Erases what channels keep about the user of this turn (beyond bot state), for "delete my data". */
  readonly eraseChannelData?: (context: TurnContext) => Promise<void>;
  /** Orientation appointments (booking dialog, "my appointment"); their data is erased by "delete my data". */
  readonly appointments?: AppointmentService;
  /** The current safety detector (rebuilt when content reloads); it runs before the matcher and wins. */
  readonly safety?: () => SafetyDetector;
  /** Counts emergency replies by category (`tdu_safety_detections_total`). */
  readonly metrics?: EmergencyResponderDeps['metrics'];
  /** Called after each emergency reply (the handoff queue opens an urgent ticket there). */
  readonly onEmergency?: EmergencyResponderDeps['onEmergency'];
  /** Caseworker handoff queue; without it "talk to a person" explains where to find the team. */
  readonly handoff?: {
    readonly queue: HandoffQueue;
    readonly officeHours?: OfficeHours;
    readonly now?: () => number;
    /** Sends the caseworker replies held while a WhatsApp window was closed, when the user writes again. */
    readonly deliverHeld?: (ticket: HandoffTicket) => Promise<unknown>;
  };
}

/** The bot with its state and error handler, ready to be given to every channel adapter. */
export interface Assistant {
  readonly bot: AssistantBot;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  /** Assign to the `onTurnError` of adapters that run turns directly (Bot Framework route), not queued ones. */
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /**
   * The storage keys of the conversation and user state of a one-to-one channel user (whose conversation id is
   * their user id, as on WhatsApp), e.g. to move them when the user changes number.
   */
  readonly stateKeysOf: (channelId: string, userId: string) => string[];
  /** Turn logic telling the user once that their message failed for good (the queue's dead-letter path). */
  readonly apologise: (context: TurnContext) => Promise<void>;
}

/** Builds the bot, its state and its dialogs from their dependencies. */
export function createAssistantBot(input: AssistantBotParts): Assistant {
  // One detection per message although the bot, the root dialog and the handoff desk each ask.
  const parts: AssistantBotParts = input.safety ? { ...input, safety: rememberDetections(input.safety) } : input;
  const conversationState = new ConversationState(parts.storage);
  const userState = new UserState(parts.storage);
  const handoffQueue = parts.handoff?.queue;
  const desk = parts.handoff
    ? new HandoffDesk({
        queue: parts.handoff.queue,
        translator: parts.translator,
        officeHours: parts.handoff.officeHours,
        memory: userState.createProperty<HandoffUserMemory>('handoff'),
        logger: parts.logger,
        now: parts.handoff.now,
        deliverHeld: parts.handoff.deliverHeld,
        // What the user gets everywhere else: the safety detector decides; the matcher's own emergency guess is
        // not acted on (withSafety), so a weak "je suis là" guess must not raise a ticket and send the emergency reply.
        isEmergency: (text) =>
          parts.safety ? parts.safety().detect(text) !== null : parts.understander().understand(text.slice(0, 2000)).id === 'intent.emergency',
        isVulnerable: parts.appointments
          ? async (context) => isVulnerablePreRegistration(await parts.appointments!.preRegistrationOf(personKeyOf(context.activity.channelId, context.activity.from.id)))
          : undefined,
      })
    : undefined;
  const rootDialog = new RootDialog({
    translator: parts.translator,
    understander: parts.safety ? () => withSafety(parts.understander(), parts.safety!) : parts.understander,
    content: parts.content,
    unanswered: parts.unanswered,
    profile: userState.createProperty<UserProfile>('profile'),
    memory: conversationState.createProperty<ConversationMemory>('memory'),
    defaultLanguage: parts.defaultLanguage,
    logger: parts.logger,
    appointments: parts.appointments,
    safety: parts.safety,
    metrics: parts.metrics,
    onEmergency: async (context, detection) => {
      await parts.onEmergency?.(context, detection);
      // Safety first, then a person: an urgent ticket at the head of the queue.
      const lang = (context.turnState.get(TURN_LANGUAGE) as Language | undefined) ?? parts.defaultLanguage;
      await desk?.start(context, { reason: 'emergency', priority: 'urgent', lang });
    },
    handoff: desk,
    eraseMyData: async (context) => {
      await parts.appointments?.eraseMyData(personKeyOf(context.activity.channelId, context.activity.from.id));
      await parts.eraseChannelData?.(context);
      // Tickets and transcripts go too; the queue keeps anonymous counts only.
      await handoffQueue?.eraseUser(context.activity.channelId, context.activity.from.id);
      await userState.delete(context);
      await conversationState.delete(context);
    },
  });
  const safety = parts.safety;
  const bot = new AssistantBot({ conversationState, userState, rootDialog, handoff: desk, detectEmergency: safety ? (text) => safety().detect(text) : undefined });
  const onTurnError = createTurnErrorHandler({
    translator: parts.translator,
    conversationState,
    logger: parts.logger,
    defaultLanguage: parts.defaultLanguage,
  });
  const stateKeysOf = (channelId: string, userId: string): string[] => {
    // getStorageKey only reads these activity fields.
    const context = { activity: { channelId, conversation: { id: userId }, from: { id: userId } } } as unknown as TurnContext;
    return [conversationState.getStorageKey(context), userState.getStorageKey(context)].filter((k): k is string => k !== undefined);
  };
  const apologise = createApology({
    translator: parts.translator,
    conversationState,
    profile: userState.createProperty<UserProfile>('profile'),
    defaultLanguage: parts.defaultLanguage,
  });
  return { bot, conversationState, userState, onTurnError, apologise, stateKeysOf };
}
