import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext, type UserState } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from '../../dialogs/dialogKit.js';
import { SAFETY_DETECTION, type EmergencyDetection } from '../../dialogs/emergencyTurn.js';
import { ROOT_DIALOG, type RootDialog } from '../../dialogs/rootDialog.js';
import { LEARNED_RULE } from '../domain/safety/learnedSafetyLayer.js';
import type { SafetyDetection } from '../domain/safety/safetyDetector.js';

/**
 * The turn-state key under which botbuilder-dialogs' DialogStateManager keeps its configuration (memory scopes and
 * path resolvers) for the rest of a turn (`DIALOG_STATE_MANAGER_CONFIGURATION` in its dialogStateManager.js).
 */
export const DIALOG_STATE_MANAGER_CONFIGURATION = 'DialogStateManagerConfiguration';

/** Dependencies of {@link AssistantBot}. */
export interface AssistantBotDeps {
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly rootDialog: RootDialog;
  /** The safety detector, run on every text message before any dialog; none means no detection. */
  readonly detectEmergency?: (text: string) => SafetyDetection | null;
  /** While the user has an open caseworker ticket, takes the message (resolves true) and the dialogs stay quiet. */
  readonly handoff?: { intercept(context: TurnContext): Promise<boolean> };
}

/**
 * The bot every channel runs: greets new web chat users, hands each message to the root dialog,
 * and saves state at the end of the turn. Turns of one conversation are serialised upstream
 * (the inbound queue, or the Bot Framework route's lock), because botbuilder saves state with eTag `*`.
 */
export class AssistantBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  /**
   * The dialog state manager's configuration of the first turn, handed to every later turn: botbuilder-dialogs
   * builds it again on each turn (a dozen memory scope and path resolver objects, about 1% of a turn thread's CPU
   * under load). Its scopes and resolvers hold no state of their own (they read the turn they are given), and the
   * bot adds none per turn, so every turn would build the same one.
   */
  private stateManagerConfiguration: unknown;

  constructor(deps: AssistantBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState).add(deps.rootDialog);

    this.onMessage(async (context, next) => {
      const text = typeof context.activity.text === 'string' ? context.activity.text : '';
      const detection = text.trim() ? deps.detectEmergency?.(text) : null;
      if (!detection && (await deps.handoff?.intercept(context))) return next();
      if (this.stateManagerConfiguration) context.turnState.set(DIALOG_STATE_MANAGER_CONFIGURATION, this.stateManagerConfiguration);
      const dc = await this.dialogs.createContext(context);
      this.stateManagerConfiguration ??= context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION);
      if (detection) {
        // An emergency ends whatever flow was running: the root dialog answers it first.
        context.turnState.set(SAFETY_DETECTION, { ...detection, source: detection.rule === LEARNED_RULE ? 'learned' : 'detector' } satisfies EmergencyDetection);
        if (dc.activeDialog) await dc.cancelAllDialogs();
      }
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const humans = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (humans.length > 0) await deps.rootDialog.welcome(context);
      await next();
    });

    this.onDialog(async (context, next) => {
      await deps.conversationState.saveChanges(context, false);
      await deps.userState.saveChanges(context, false);
      await next();
    });
  }
}
