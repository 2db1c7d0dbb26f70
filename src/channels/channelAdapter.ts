import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/** turnState key of the list a recorded turn's replies are collected in. */
const RECORDED_REPLIES = Symbol('recordedReplies');

/**
 * Base of our own channel adapters (web chat, WhatsApp): runs a turn through the bot's middleware and either
 * hands each outgoing activity to {@link deliver}, one after the other, so one user's replies keep their order
 * even on channels that do not guarantee it, or, in {@link record}, collects them to be stored and delivered
 * later (the inbound queue's decided turns).
 *
 * Leave `onTurnError` unset on adapters driven by the inbound queue: a failing turn must reject, so the worker
 * retries it and finally dead-letters it (and apologises once) instead of acking a lost message.
 */
export abstract class ChannelAdapter extends BotAdapter {
  /** Sends one activity to the channel; resolves once the channel accepted it. */
  protected abstract deliver(activity: Partial<Activity>, context: TurnContext): Promise<ResourceResponse>;

  /** The form a reply is stored in by {@link record} (JSON-safe); default a plain JSON copy. */
  protected prepare(activity: Partial<Activity>, _context: TurnContext): Record<string, unknown> {
    return JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
  }

  /** Runs one inbound activity through middleware and `logic`, delivering the replies as they come. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  /** Runs one inbound activity through middleware and `logic`, delivering nothing: resolves with the replies. */
  async record(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Array<Record<string, unknown>>> {
    const context = new TurnContext(this, activity);
    const replies: Array<Record<string, unknown>> = [];
    context.turnState.set(RECORDED_REPLIES, replies);
    await this.runMiddleware(context, logic);
    return replies;
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const recorded = context.turnState.get(RECORDED_REPLIES) as Array<Record<string, unknown>> | undefined;
    for (const activity of activities) {
      // Typing indicators are live, not part of the decided replies: they go out at once, even while recording.
      if (recorded && activity.type !== ActivityTypes.Typing) {
        if (activity.type !== 'delay' && activity.type !== ActivityTypes.InvokeResponse) recorded.push(this.prepare(activity, context));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === 'delay') {
        await new Promise((r) => setTimeout(r, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      responses.push(await this.deliver(activity, context));
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    // Neither web chat nor WhatsApp lets the bot edit a sent message.
  }

  async deleteActivity(): Promise<void> {
    // Not supported by these channels.
  }

  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}
