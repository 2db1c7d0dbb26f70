import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';

/**
 * Base of our own channel adapters (web chat, WhatsApp): runs a turn through the bot's middleware
 * and hands each outgoing activity to {@link deliver}, one after the other, so one user's replies
 * keep their order even on channels that do not guarantee it.
 */
export abstract class ChannelAdapter extends BotAdapter {
  /** Sends one activity to the channel; resolves once the channel accepted it. */
  protected abstract deliver(activity: Partial<Activity>, context: TurnContext): Promise<ResourceResponse>;

  /** Runs one inbound activity through middleware and `logic`. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
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
