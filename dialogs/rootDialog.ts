import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './dialogKit.js';
import type { ContentRepository } from '../src/domain/content/faqEntry.js';
import { detectLanguage } from '../src/domain/nlu/languageDetector.js';
import type { MessageUnderstander, Understanding } from '../src/domain/nlu/understanding.js';
import type { Translate, Translator } from '../src/i18n/i18n.js';
import { languageOfLocale, type Language } from '../src/i18n/languages.js';
import type { AppLogger } from '../src/observability/logger.js';
import type { AppointmentService } from '../src/domain/appointments/appointmentService.js';
import { answerButton, helpButtons } from './answerButtons.js';
import { BOOKING_DIALOG, BookingDialog } from './bookingDialog.js';
import { parseCommand, type Command } from './commands.js';
import { APPOINTMENT_ACTION, MY_APPOINTMENT_DIALOG, MyAppointmentDialog } from './myAppointmentDialog.js';
import type { HandoffStarter, HandoffStartRequest } from './handoffStarter.js';
import { DELETE_DATA_DIALOG, DeleteDataDialog } from './deleteDataDialog.js';
import { UnsureResponder, type UnansweredRecorder } from './unsureResponder.js';
import { EmergencyResponder, type EmergencyResponderDeps } from './emergencyResponder.js';
import { emergencyOf } from './emergencyTurn.js';
import { ConversationNotes } from './conversationNotes.js';
import { INTERRUPTED } from './interruptibleDialog.js';
import { HANDOFF_MEDIA, mediaIdOf, mediaKindOf, mediaReply } from './mediaMessages.js';
import { languageButtons, menuButtons, reply, type Button } from './replyBuilder.js';
import { TURN_LANGUAGE, type ConversationMemory, type UserProfile } from './userProfile.js';

export type { UnansweredRecorder } from './unsureResponder.js';

/** Id of {@link RootDialog}. */
export const ROOT_DIALOG = 'rootDialog';
const ROUTE = 'routeWaterfall';

/** Dependencies of {@link RootDialog}. */
export interface RootDialogDeps {
  readonly translator: Translator;
  /** The current matcher (rebuilt when content reloads). */
  readonly understander: () => MessageUnderstander;
  readonly content: ContentRepository;
  readonly unanswered?: UnansweredRecorder;
  readonly profile: StatePropertyAccessor<UserProfile>;
  readonly memory: StatePropertyAccessor<ConversationMemory>;
  /** Erases everything kept about the user of this turn. */
  readonly eraseMyData: (context: TurnContext) => Promise<void>;
  readonly defaultLanguage: Language;
  readonly logger: AppLogger;
  /** Orientation appointments; without it, booking requests get the "not possible here yet" answer. */
  readonly appointments?: AppointmentService;
  /** The current safety detector (its replies), how firings are counted, and the hook after the reply. */
  readonly safety?: EmergencyResponderDeps['safety'];
  readonly metrics?: EmergencyResponderDeps['metrics'];
  readonly onEmergency?: EmergencyResponderDeps['onEmergency'];
  /** Caseworker handoff; without it "talk to a person" explains where to find the team instead. */
  readonly handoff?: HandoffStarter;
}

/** Typed requests that end a booking flow instead of answering its question. */
const FLOW_LEAVING_INTENTS: ReadonlySet<string> = new Set(['intent.delete_data', 'intent.human']);

/**
 * Routes every turn: buttons and shortcuts, free text through the matcher (answer, "did you mean…",
 * or an honest "I don't know"), non-text messages, and the flows (delete my data). Menus are stateless
 * buttons, so an old button tapped later still works.
 */
export class RootDialog extends ComponentDialog {
  private readonly emergency: EmergencyResponder;
  private readonly notes: ConversationNotes;
  private readonly unsure: UnsureResponder;

  constructor(private readonly deps: RootDialogDeps) {
    super(ROOT_DIALOG);
    this.emergency = new EmergencyResponder(deps);
    this.notes = new ConversationNotes(deps.memory);
    this.unsure = new UnsureResponder({
      ...deps,
      notes: this.notes,
      ...(deps.handoff ? { handOff: (context: TurnContext, lang: Language) => this.startHandoff(context, { reason: 'not_understood', priority: 'normal', lang }) } : {}),
    });
    this.addDialog(
      new DeleteDataDialog({
        translator: deps.translator,
        languageOf: (context) => this.languageOf(context),
        eraseMyData: deps.eraseMyData,
      }),
    );
    if (deps.appointments) {
      const flowDeps = {
        translator: deps.translator,
        languageOf: (context: TurnContext) => this.languageOf(context),
        appointments: deps.appointments,
        leavesFlow: (text: string) => this.leavesFlow(text),
      };
      this.addDialog(new BookingDialog(flowDeps));
      this.addDialog(new MyAppointmentDialog(flowDeps));
    }
    this.addDialog(new WaterfallDialog(ROUTE, [this.routeStep.bind(this), this.afterFlowStep.bind(this)]));
    this.initialDialogId = ROUTE;
  }

  /**
   * Whether text typed in a booking flow is a request to leave it: "delete my data" or "talk to a person" written
   * out (two words or more, understood with confidence), which the root then handles like the button.
   */
  private leavesFlow(text: string): boolean {
    const trimmed = text.trim();
    if (trimmed.split(/\s+/).length < 2) return false;
    const id = this.deps.understander().understand(trimmed.slice(0, 2000), {}).id;
    return id !== null && FLOW_LEAVING_INTENTS.has(id);
  }

  /** First contact on channels that announce it (web chat): welcome, privacy notice, language choice. */
  async welcome(context: TurnContext): Promise<void> {
    const profile = await this.deps.profile.get(context, {});
    if (profile.welcomed) return;
    // The client's locale (Web Chat's, or our page's language) is all we know before the first message.
    const lang = profile.language ?? languageOfLocale(context.activity.locale) ?? this.deps.defaultLanguage;
    await this.sendWelcome(context, lang, true);
    await this.deps.profile.set(context, { ...profile, language: lang, welcomed: true });
  }

  /** Language of the user in this turn. */
  async languageOf(context: TurnContext): Promise<Language> {
    const profile = await this.deps.profile.get(context, {});
    return profile.language ?? this.deps.defaultLanguage;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const flow = await this.route(step.context);
    return flow ? step.beginDialog(flow) : step.endDialog();
  }

  private async afterFlowStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== INTERRUPTED) return step.endDialog();
    const flow = await this.route(step.context);
    return flow ? step.beginDialog(flow) : step.endDialog();
  }

  /** Handles the current message; returns the id of a flow to start, if any. */
  private async route(context: TurnContext): Promise<string | undefined> {
    const activity = context.activity;
    const profile = await this.deps.profile.get(context, {});
    const firstContact = !profile.welcomed;
    // Until the conversation has a language, the channel's hint (activity.locale) stands in for it.
    const knownLanguage = profile.language ?? languageOfLocale(activity.locale);
    let lang = knownLanguage ?? this.deps.defaultLanguage;
    context.turnState.set(TURN_LANGUAGE, lang);
    const text = typeof activity.text === 'string' ? activity.text.trim() : '';
    const command = parseCommand((activity.value as { command?: unknown } | undefined)?.command) ?? parseCommand(text);
    const kind = (activity.channelData as { messageKind?: string } | undefined)?.messageKind;

    if (kind === 'reaction') return undefined; // An emoji reaction needs no answer.

    // The safety detector ran before any dialog (AssistantBot); its firing wins over every other reply,
    // the welcome included (the privacy notice follows on the next message).
    const emergency = command ? undefined : emergencyOf(context);
    if (emergency) {
      lang = emergency.lang ?? detectLanguage(text.slice(0, 2000), profile.language ?? this.deps.defaultLanguage).lang;
      await this.deps.profile.set(context, { ...profile, language: lang });
      context.turnState.set(TURN_LANGUAGE, lang);
      await this.emergency.respond(context, lang, emergency);
      return undefined;
    }

    let understanding: Understanding | undefined;
    if (!command && text.length > 0) {
      understanding = this.deps.understander().understand(text.slice(0, 2000), { currentLanguage: knownLanguage });
      lang = understanding.lang;
    } else if (command?.kind === 'language') {
      lang = command.lang;
    }
    await this.deps.profile.set(context, { ...profile, language: lang, welcomed: true });
    context.turnState.set(TURN_LANGUAGE, lang);
    const t = this.deps.translator.forLanguage(lang);

    if (command) return this.handleCommand(context, command, lang, t, profile.language);
    if (!understanding) {
      const media = mediaKindOf(context);
      if (firstContact) await this.sendWelcome(context, lang, false);
      const mediaId = mediaIdOf(context);
      if (media && mediaId !== undefined) await this.notes.keepMedia(context, media, mediaId);
      // Only media a caseworker can open (the channel keeps them, e.g. WhatsApp) start a handoff; web chat
      // uploads are not kept, so those users get the usual reply with its "talk to the team" button.
      if (this.deps.handoff && media && HANDOFF_MEDIA.has(media) && mediaId !== undefined) {
        await this.startHandoff(context, { reason: 'media', priority: 'normal', lang, media: [{ kind: media, mediaId, at: Date.now() }] });
        return undefined;
      }
      await context.sendActivity(mediaReply(media, lang, t));
      return undefined;
    }
    if (firstContact && understanding.id !== 'intent.greeting') await this.sendWelcome(context, lang, false);
    if (understanding.id === null) {
      if (await this.unsure.secondInARow(context, lang)) return undefined;
      await this.unsure.reply(context, text, understanding, lang, t);
      return undefined;
    }
    await this.notes.resetUnsure(context);
    if (understanding.id === 'intent.greeting' && firstContact) {
      await this.sendWelcome(context, lang, true);
      return undefined;
    }
    if (understanding.id === 'intent.language' && understanding.lang !== (profile.language ?? this.deps.defaultLanguage)) {
      await context.sendActivity(reply(lang, t('language.changed'), menuButtons(t)));
      return undefined;
    }
    return this.handleId(context, understanding.id, lang, t);
  }

  private async handleCommand(
    context: TurnContext,
    command: Command,
    lang: Language,
    t: Translate,
    previous: Language | undefined,
  ): Promise<string | undefined> {
    switch (command.kind) {
      case 'language':
        await context.sendActivity(reply(lang, t('language.changed'), menuButtons(t)));
        if (previous === undefined) await context.sendActivity(reply(lang, t('welcome.privacy')));
        return undefined;
      case 'menu':
        await context.sendActivity(reply(lang, t('menu.prompt'), menuButtons(t)));
        return undefined;
      case 'none': {
        const pending = await this.notes.takePendingQuestion(context);
        if (pending) await this.unsure.record(context, pending.text, pending.lang, []);
        await context.sendActivity(reply(lang, t('faq.dontKnow'), helpButtons(t)));
        return undefined;
      }
      case 'faq':
      case 'intent':
        return this.handleId(context, command.id, lang, t);
      case 'appointment':
        if (!this.deps.appointments) return this.handleId(context, 'intent.cancel', lang, t);
        context.turnState.set(APPOINTMENT_ACTION, { action: command.action, ref: command.ref });
        return MY_APPOINTMENT_DIALOG;
    }
  }

  /** Answers a catalogue id: FAQ entry, small talk, or the intent's flow. */
  private async handleId(context: TurnContext, id: string, lang: Language, t: Translate): Promise<string | undefined> {
    switch (id) {
      case 'intent.greeting':
        await context.sendActivity(reply(lang, t('smalltalk.greeting'), menuButtons(t)));
        return undefined;
      case 'intent.thanks':
        await context.sendActivity(reply(lang, t('smalltalk.thanks')));
        return undefined;
      case 'intent.language':
        await context.sendActivity(reply(lang, t('language.prompt'), languageButtons()));
        return undefined;
      case 'intent.delete_data':
        return DELETE_DATA_DIALOG;
      case 'intent.human':
        if (this.deps.handoff) {
          await this.startHandoff(context, { reason: 'asked', priority: 'normal', lang });
          return undefined;
        }
        await context.sendActivity(reply(lang, t('flows.human'), [{ title: t('menu.back'), value: 'menu' }]));
        return undefined;
      case 'intent.book':
      case 'intent.cancel':
        if (this.deps.appointments) return id === 'intent.book' ? BOOKING_DIALOG : MY_APPOINTMENT_DIALOG;
        await context.sendActivity(reply(lang, t(`flows.${id.slice('intent.'.length)}`), [{ title: t('menu.back'), value: 'menu' }]));
        return undefined;
      case 'intent.emergency':
        await this.emergency.respond(context, lang, { category: 'danger', rule: 'intent.emergency', matches: [], source: 'matcher' });
        return undefined;
    }
    const entry = this.deps.content.entry(id, lang);
    if (!entry) {
      this.deps.logger.warn({ id, lang }, 'no content for a recognised id');
      await context.sendActivity(reply(lang, t('faq.dontKnow'), helpButtons(t)));
      return undefined;
    }
    await this.notes.rememberTopic(context, entry.title);
    const buttons = entry.followUps.map((f) => answerButton(this.deps.content, f, lang, t)).filter((b): b is Button => b !== undefined);
    buttons.push({ title: t('menu.back'), value: 'menu' });
    await context.sendActivity(reply(lang, entry.answer, buttons.slice(0, 4)));
    return undefined;
  }

  /** Opens (or joins) a handoff, with the topics answered so far as the ticket's summary. */
  private async startHandoff(context: TurnContext, request: Omit<HandoffStartRequest, 'summary'>): Promise<void> {
    await this.deps.handoff?.start(context, { ...request, summary: await this.notes.topics(context) });
  }

  private async sendWelcome(context: TurnContext, lang: Language, withLanguageChoice: boolean): Promise<void> {
    const t = this.deps.translator.forLanguage(lang);
    await context.sendActivity(reply(lang, `${t('welcome.intro')}\n\n${t('welcome.privacy')}`));
    if (withLanguageChoice) await context.sendActivity(reply(lang, t('welcome.chooseLanguage'), languageButtons()));
  }
}
