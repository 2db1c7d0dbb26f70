import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from './dialogKit.js';
import { parseCommand } from './commands.js';

/** Result a flow ends with when the user asked for something else; the root then routes that message. */
export const INTERRUPTED = Symbol.for('tdu.interrupted');

/**
 * Base of every flow dialog (modelled on the samples' CancelAndHelpDialog): any button or shortcut
 * command (menu, language, another topic, talk to a person, emergency…) ends the flow and is handled
 * by the root, so no flow can trap a user.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  /**
   * @param leavesFlow whether typed free text is a request that must end the flow (e.g. "delete my data" written
   *   out in the middle of a booking), so the root handles it instead of the current question; default: never.
   */
  constructor(dialogId: string, private readonly leavesFlow: (text: string) => boolean = () => false) {
    super(dialogId);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const text = innerDc.context.activity.text;
    const command = parseCommand(text);
    if (command && !this.acceptsAsAnswer(text ?? '')) return this.interrupt(innerDc);
    if (!command && typeof text === 'string' && !this.acceptsAsAnswer(text) && this.leavesFlow(text)) return this.interrupt(innerDc);
    return super.onContinueDialog(innerDc);
  }

  /** Whether `text` is an answer this flow expects (e.g. its own button values), not an interruption. */
  protected acceptsAsAnswer(_text: string): boolean {
    return false;
  }

  /** Ends the flow and hands the current message back to the root. */
  protected async interrupt(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return { status: DialogTurnStatus.complete, result: INTERRUPTED };
  }
}
