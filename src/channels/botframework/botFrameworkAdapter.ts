import { ActivityTypes, type Activity, type CloudAdapter, type ConversationReference, type ResourceResponse, type TurnContext } from 'botbuilder';
import { ChannelAdapter } from '../channelAdapter.js';
import { renderReplyAsMarkdown } from '../contentMarkdown.js';
import type { ReplyMarks } from '../../stores/replyMarks.js';

/** Why a reply is sent again though it may have gone out already (label `cause` of the ambiguous re-sends counter). */
export type AmbiguousResendCause = 'timeout' | 'interrupted';

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
  /** Called before a re-send that may duplicate the reply (for `tdu_outbound_ambiguous_resends_total`). */
  readonly onAmbiguousResend?: (cause: AmbiguousResendCause) => void;
}

/**
 * Runs queued Bot Framework turns (Emulator, Azure Bot Service channels): {@link record} collects the replies
 * (in Markdown, with their conversation reference) to be stored with the turn's outcome; {@link deliverStored}
 * posts one to the connector at its `serviceUrl` from the worker, through the CloudAdapter's credentials, once
 * per reply key. The connector client's own retries are turned off, so a failed post fails the delivery and the
 * worker retries it with backoff, and a re-send that may duplicate a reply is known and counted.
 */
export class BotFrameworkQueueAdapter extends ChannelAdapter {
  constructor(private readonly deps: BotFrameworkQueueAdapterDeps) {
    super();
  }

  /**
   * Posts a stored reply to its conversation unless the connector accepted it before. A reply whose earlier post
   * got no answer, or was cut short by a crash before its answer was marked, may have gone out: it is sent again
   * and counted as an ambiguous re-send. A post the connector refused (an HTTP error) sent nothing.
   */
  async deliverStored(activity: Record<string, unknown>, replyKey: string): Promise<void> {
    const { marks, markTtlMs } = this.deps;
    const earlier = await marks.get(replyKey);
    if (earlier === 'sent') return;
    if (earlier) this.deps.onAmbiguousResend?.(earlier === 'unanswered' ? 'timeout' : 'interrupted');
    await marks.set(replyKey, 'attempted', markTtlMs);
    try {
      await this.post(activity as Partial<Activity>);
    } catch (err) {
      const refused = typeof (err as { statusCode?: unknown }).statusCode === 'number';
      await (refused ? marks.clear(replyKey) : marks.set(replyKey, 'unanswered', markTtlMs));
      throw err;
    }
    await marks.set(replyKey, 'sent', markTtlMs);
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
    let failure: { readonly error: unknown } | undefined;
    await this.deps.cloud.continueConversationAsync(this.deps.appId, reference, async (context) => {
      // botbuilder hands an error thrown here to the CloudAdapter's onTurnError, which (set for the route's direct
      // turns) logs, apologises and returns: the failed post would look delivered. So it is caught here and rethrown below.
      try {
        withoutClientRetries(context.turnState.get(context.adapter.ConnectorClientKey));
        // The adapter's own sendActivities keeps the stored replyToId (sendActivity would point it at the continuation).
        [response] = await context.adapter.sendActivities(context, [{ ...activity }]);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    return response;
  }
}

/**
 * Removes the retry step of a connector client's HTTP pipeline (@azure/core-rest-pipeline retries network errors
 * and 5xx answers up to 3 times on its own), so no hidden re-send can duplicate a reply uncounted. A client of
 * another shape is left as it is.
 */
function withoutClientRetries(connector: unknown): void {
  const pipeline = (connector as { client?: { pipeline?: { removePolicy?: (filter: { phase: string }) => unknown } } } | undefined)?.client?.pipeline;
  pipeline?.removePolicy?.({ phase: 'Retry' });
}
