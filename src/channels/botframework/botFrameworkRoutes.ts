import type { Activity, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Config } from '../../config/config.js';
import type { AppLogger } from '../../observability/logger.js';
import { jsonBody, sendJsonError } from '../../http/createHttpServer.js';
import type { EnqueueResult } from '../../stores/types.js';
import { KeyedSerializer } from '../../pipeline/keyedSerializer.js';
import { renderReplyAsMarkdown } from '../contentMarkdown.js';
import { isLocalRequest, isLoopbackUrl } from './loopbackOnly.js';
import { describeError } from '../../observability/describeError.js';

/** Dependencies of {@link registerBotFrameworkRoutes}. */
export interface BotFrameworkRouteDeps {
  readonly config: Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId' | 'MicrosoftAppType' | 'MAX_BODY_BYTES'>;
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  readonly logger: AppLogger;
  /**
   * Stores an authenticated activity on the durable inbound queue (botFrameworkTurns.ts), whose worker runs the
   * turn and posts the replies to the `serviceUrl`. Unset: every turn runs directly in the request. Activities
   * whose caller waits for the replies in the response (`deliveryMode: expectReplies`, `invoke`) always run directly.
   */
  readonly dispatch?: (activity: Partial<Activity>, conversationId: string) => Promise<EnqueueResult>;
}

/**
 * `POST /api/messages` through botbuilder's CloudAdapter: Azure Bot Service channels with credentials,
 * Bot Framework Emulator locally without. With `dispatch`, a request is authenticated, stored on the inbound
 * queue and answered 202; the worker runs its turn (retried, then dead-lettered with one apology). Without `MicrosoftAppId` the adapter authenticates nobody and
 * replies to whatever `serviceUrl` the caller gives, so only local callers (loopback peer, no proxy
 * header) with a loopback serviceUrl are accepted: the server cannot be used to send requests elsewhere.
 * botbuilder (about 14 MB of heap) is loaded on the first request, not before: the HTTP side of an instance whose
 * turns run in threads holds it only where /api/messages is used. Resolves the returned function with the adapter.
 */
export function registerBotFrameworkRoutes(server: Server, deps: BotFrameworkRouteDeps): () => Promise<CloudAdapter> {
  const { config, logger } = deps;
  const authenticated = Boolean(config.MicrosoftAppId);
  let botFramework: Promise<{ auth: ConfigurationBotFrameworkAuthentication; adapter: CloudAdapter }> | undefined;
  const parts = () =>
    (botFramework ??= import('botbuilder').then(({ CloudAdapter, ConfigurationBotFrameworkAuthentication }) => {
      const auth = new ConfigurationBotFrameworkAuthentication({
        MicrosoftAppId: config.MicrosoftAppId ?? '',
        MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
        MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
        MicrosoftAppType: config.MicrosoftAppType,
      } as ConfigurationBotFrameworkAuthenticationOptions);
      const adapter = new CloudAdapter(auth);
      adapter.onTurnError = deps.onTurnError;
      return { auth, adapter };
    }));
  const serializer = new KeyedSerializer();

  if (!authenticated) {
    logger.warn('MicrosoftAppId is not set: /api/messages accepts loopback callers only (Bot Framework Emulator)');
  }

  server.post('/api/messages', jsonBody(config.MAX_BODY_BYTES), async (req: Request, res: Response) => {
    const body = req.body as { conversation?: { id?: unknown }; serviceUrl?: unknown; type?: unknown } | undefined;
    if (!authenticated && !isLocalRequest(req.socket.remoteAddress, req.headers)) {
      res.json(403, { error: { code: 'Forbidden', message: 'Without MicrosoftAppId only local callers may use /api/messages (not through a proxy)' } });
      return;
    }
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      res.json(400, { error: { code: 'BadArgument', message: 'The body must be a Bot Framework activity (JSON with a "type")' } });
      return;
    }
    if (typeof body.serviceUrl !== 'string' || !URL.canParse(body.serviceUrl)) {
      res.json(400, { error: { code: 'BadArgument', message: 'The activity needs a "serviceUrl" (where replies go)' } });
      return;
    }
    if (!authenticated && !isLoopbackUrl(body.serviceUrl)) {
      res.json(403, { error: { code: 'Forbidden', message: 'Without MicrosoftAppId replies may only go to a serviceUrl on this machine' } });
      return;
    }
    // 'expectReplies' is botbuilder's DeliveryModes.ExpectReplies (not imported: botbuilder is loaded lazily).
    const answeredInResponse = (body as { deliveryMode?: unknown }).deliveryMode === 'expectReplies' || body.type === 'invoke';
    if (deps.dispatch && !answeredInResponse) {
      await queueActivity(req, res, body as Partial<Activity>, deps.dispatch);
      return;
    }
    // botbuilder saves state with eTag "*": two turns of one conversation must not overlap.
    const key = typeof body.conversation?.id === 'string' ? body.conversation.id : 'unknown';
    const { adapter } = await parts();
    await serializer.run(key, () =>
      adapter
        .process(req, res, (context) => {
          // Replies are written in the content's WhatsApp-style markup; Bot Framework channels render Markdown.
          context.onSendActivities(async (_ctx, activities, next) => {
            activities.forEach(renderReplyAsMarkdown);
            return next();
          });
          return deps.bot.run(context);
        })
        .catch((err: Error) => {
          logger.error({ err: describeError(err) }, 'bot framework turn failed');
          if (!res.headersSent) res.json(500, { error: { code: 'ServiceError', message: 'The turn failed' } });
        }),
    );
  });
  /** Authenticates the request as the CloudAdapter would, then stores the activity for the worker. */
  const queueActivity = async (req: Request, res: Response, activity: Partial<Activity>, dispatch: NonNullable<BotFrameworkRouteDeps['dispatch']>) => {
    const conversationId = activity.conversation?.id;
    if (typeof conversationId !== 'string' || !conversationId) {
      sendJsonError(res, 400, 'BadArgument', 'The activity needs a "conversation.id"');
      return;
    }
    try {
      const { auth } = await parts();
      const authenticated = await auth.authenticateRequest(activity as Activity, req.headers.authorization ?? '');
      activity.callerId = authenticated.callerId;
    } catch (err) {
      logger.warn({ err: describeError(err) }, 'bot framework request not authenticated');
      sendJsonError(res, 401, 'Unauthorized', 'The request could not be authenticated');
      return;
    }
    const result = await dispatch(activity, conversationId);
    if (result === 'full') {
      res.header('Retry-After', '5');
      sendJsonError(res, 503, 'ServiceUnavailable', 'Too many messages are waiting; retry later');
      return;
    }
    res.send(202);
  };

  return async () => (await parts()).adapter;
}
