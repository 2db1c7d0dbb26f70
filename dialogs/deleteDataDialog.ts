import type { TurnContext } from 'botbuilder';
import { Dialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from './dialogKit.js';
import type { Translator } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import { INTERRUPTED, InterruptibleDialog } from './interruptibleDialog.js';
import { menuButtons, reply } from './replyBuilder.js';

/** Id of {@link DeleteDataDialog}. */
export const DELETE_DATA_DIALOG = 'deleteDataDialog';
const FLOW = 'deleteDataFlow';

/** Typed answers accepted besides the buttons, after lowercasing. */
const YES = /^(yes|y|oui|ok|okay|d'accord|dacord|wakha|waxa|ah|eyeh|iyeh|نعم|اه|آه|واخا|ايه|إيه|yes please)$/;
const NO = /^(no|n|non|nn|nope|la|lla|لا|لالا|la la)$/;

/** Dependencies of {@link DeleteDataDialog}. */
export interface DeleteDataDialogDeps {
  readonly translator: Translator;
  /** Language of the user in this turn. */
  readonly languageOf: (context: TurnContext) => Promise<Language>;
  /** Erases everything kept about this user (state, channel records). */
  readonly eraseMyData: (context: TurnContext) => Promise<void>;
}

/** "Delete my data": asks once for confirmation, then erases and says so. */
export class DeleteDataDialog extends InterruptibleDialog {
  constructor(private readonly deps: DeleteDataDialogDeps) {
    super(DELETE_DATA_DIALOG);
    this.addDialog(new WaterfallDialog(FLOW, [this.confirmStep.bind(this), this.eraseStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  protected override acceptsAsAnswer(text: string): boolean {
    return text === 'yes' || text === 'no';
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = await this.deps.languageOf(step.context);
    const t = this.deps.translator.forLanguage(lang);
    await step.context.sendActivity(
      reply(lang, t('privacy.confirmDelete'), [
        { title: t('privacy.yes'), value: 'yes' },
        { title: t('privacy.no'), value: 'no' },
      ]),
    );
    return Dialog.EndOfTurn;
  }

  private async eraseStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const answer = (step.context.activity.text ?? '').trim().toLowerCase();
    const lang = await this.deps.languageOf(step.context);
    const t = this.deps.translator.forLanguage(lang);
    if (YES.test(answer)) {
      // Confirm first: the channel may need what is about to be erased to deliver the message (WhatsApp's
      // 24-hour window is computed from the contact record). A failed erase still reaches the error handler.
      await step.context.sendActivity(reply(lang, t('privacy.deleted')));
      await this.deps.eraseMyData(step.context);
      return step.endDialog();
    }
    if (NO.test(answer)) {
      await step.context.sendActivity(reply(lang, t('privacy.kept'), menuButtons(t)));
      return step.endDialog();
    }
    // Anything else is a new question: keep the data and let the root answer it.
    return step.endDialog(INTERRUPTED);
  }
}
