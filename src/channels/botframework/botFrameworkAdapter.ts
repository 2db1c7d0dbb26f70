import { ActivityTypes, type Activity, type CloudAdapter, type ConversationReference, type ResourceResponse, type TurnContext } from 'botbuilder';
import { ChannelAdapter } from '../channelAdapter.js';
import { renderReplyAsMarkdown } from '../contentMarkdown.js';
import type { ReplyMarks } from '../../stores/replyMarks.js';

/** Dependencies of {@link BotFrameworkQueueAdapter}. */
export interface BotFrameworkQueueAdapterDeps {
  /** The route's CloudAdapter: it holds the credentials and opens connector clients to a `serviceUrl`. */
  readonly cloud: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** `MicrosoftAppId`, or '' without credentials (Emulator). */
  readonly appId: string;
  /** What was already delivered, so a re-delivered outcome skips it. */
  readonly marks: ReplyMarks;
  /** Lifetime of a delivery mark, in ms (as long as a stored outcome may be delivered again). */
  readonly markTtlMs: number;
}

/**
 * Runs queued Bot Framework turns (Emulator, Azure Bot Service channels): {@link record} collects the replies
 * (in Markdown, with their conversation reference) to be stored with the turn's outcome; {@link deliverStored}
 * posts one to the connector at its `serviceUrl` from the worker, through the CloudAdapter's credentials, once
 * per reply key.
 */
export class BotFrameworkQueueAdapter extends ChannelAdapter {
  constructor(private readonly deps: BotFrameworkQueueAdapterDeps) {
    super();
  }

  /**
   * Posts a stored reply to its conversation unless it was delivered before (a crash between the connector's
   * answer and the mark sends it again: the one window for a duplicate).
   */
  async deliverStored(activity: Record<string, unknown>, replyKey: string): Promise<void> {
    if (await this.deps.marks.has(replyKey)) return;
    await this.post(activity as Partial<Activity>);
    await this.deps.marks.mark(replyKey, this.deps.markTtlMs);
  }

  protected override prepare(activity: Partial<Activity>, _context: TurnContext): Record<string, unknown> {
    const stored = JSON.parse(JSON.stringify(activity)) as Record<string, unknown>;
    delete stored.id;
    // Replies are written in the content's WhatsApp-style markup; Bot Framework channels render Markdown.
    renderReplyAsMarkdown(stored);
    return stored;
  }

  protected async deliver(activity: Partial<Activity>, context: TurnContext): Promise<ResourceResponse> {
    return (await this.post(this.prepare(activity, context) as Partial<Activity>)) ?? { id: '' };
  }

  private async post(activity: Partial<Activity>): Promise<ResourceResponse | undefined> {
    // Like the CloudAdapter, trace activities go only to the Emulator.
    if (activity.type === ActivityTypes.Trace && activity.channelId !== 'emulator') return undefined;
    const reference: Partial<ConversationReference> = {
      serviceUrl: activity.serviceUrl,
      channelId: activity.channelId,
      conversation: activity.conversation,
      bot: activity.from,
      user: activity.recipient,
      locale: activity.locale,
    };
    let response: ResourceResponse | undefined;
    await this.deps.cloud.continueConversationAsync(this.deps.appId, reference, async (context) => {
      // The adapter's own sendActivities keeps the stored replyToId (sendActivity would point it at the continuation).
      [response] = await context.adapter.sendActivities(context, [{ ...activity }]);
    });
    return response;
  }
}
