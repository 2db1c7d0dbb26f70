import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { AppLogger } from '../../observability/logger.js';
import { describeError } from '../../observability/describeError.js';

/** Options of {@link TypingIndicator}. */
export interface TypingIndicatorOptions {
  /** Wait this long for a first reply before showing "typing…", in ms (WEBCHAT_TYPING_DELAY_MS, default 700; 0: at once). */
  readonly delayMs?: number;
  /** Repeat the indicator this often while still nothing was sent, in ms (default 3000; Web Chat hides it after about 5 s). */
  readonly periodMs?: number;
  readonly logger: AppLogger;
}

/**
 * Sends a `typing` activity when a reply to a user's message takes longer than a moment, and again while
 * the bot is still silent; it stops as soon as the turn has replied. (botbuilder's ShowTypingMiddleware
 * keeps typing until the turn ends, so "typing…" would show again after the answer while state is saved.)
 */
export class TypingIndicator implements Middleware {
  private readonly delayMs: number;
  private readonly periodMs: number;

  constructor(private readonly options: TypingIndicatorOptions) {
    this.delayMs = options.delayMs ?? 700;
    this.periodMs = options.periodMs ?? 3000;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return next();
    let finished = false;
    let timer: NodeJS.Timeout | undefined;
    // Sent through the adapter directly, so it does not count as the turn's reply.
    const sendTyping = () =>
      context.adapter
        .sendActivities(context, [TurnContext.applyConversationReference({ type: ActivityTypes.Typing }, TurnContext.getConversationReference(context.activity))])
        .then(() => schedule(this.periodMs))
        .catch((err: Error) => this.options.logger.warn({ err: describeError(err) }, 'could not send a typing indicator'));
    const schedule = (ms: number) => {
      if (finished) return;
      timer = setTimeout(() => {
        if (!finished && !context.responded) void sendTyping();
      }, ms);
      timer.unref();
    };
    // A delay of 0 means at once, before the turn runs.
    if (this.delayMs === 0) await sendTyping();
    else schedule(this.delayMs);
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
    }
  }
}
