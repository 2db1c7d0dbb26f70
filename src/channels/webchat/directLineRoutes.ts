import { randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { AppLogger } from '../../observability/logger.js';
import { jsonBody } from '../../http/createHttpServer.js';
import { clientAddress, type AbuseLimits } from '../../http/abuseLimits.js';
import { activityId, type ConversationLog } from '../../stores/types.js';
import { clientChannelData, parseWatermark, PostedActivity, startLocale, webChatUserId } from './directLineActivity.js';
import { bearerToken, type DirectLineTokens } from './directLineTokens.js';
import { WEB_CHAT_BOT } from './webChatParticipants.js';

/** Dependencies of {@link registerDirectLineRoutes}. */
export interface DirectLineRouteDeps {
  readonly log: ConversationLog;
  readonly tokens: DirectLineTokens;
  /** Hands a stored user activity to the bot (queued or run); rejects when it cannot be taken now. */
  readonly dispatch: (activity: Record<string, unknown>) => Promise<void>;
  /** Largest body accepted, in bytes. */
  readonly maxBodyBytes: number;
  /** Base URL clients use to reach us (for streamUrl), e.g. http://localhost:3978; derived from the request when undefined. */
  readonly publicUrl?: string;
  readonly logger: AppLogger;
  /** Flood limits: new conversations and tokens per client address, messages per conversation. None when undefined. */
  readonly limits?: AbuseLimits;
  /** Take the client address from X-Forwarded-For (behind our own reverse proxy), default false. */
  readonly trustProxy?: boolean;
  /** Longest message text accepted, in characters (default 5000); longer gets 413 TextTooLong. */
  readonly maxTextChars?: number;
}

const BASE = '/v3/directline';

/** Direct Line-style error body. */
function fail(res: Response, status: number, code: string, message: string): void {
  res.json(status, { error: { code, message } });
}

/**
 * A self-hosted Direct Line 3.0-compatible API, enough for our page, Microsoft's Web Chat and
 * botframework-directlinejs (`domain: '<server>/v3/directline'`): tokens, start/reconnect, post activity,
 * get activities after a watermark; the WebSocket stream is in directLineStream.ts, uploads in directLineUpload.ts,
 * CORS in directLineCors.ts.
 */
export function registerDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { log, tokens, logger } = deps;
  const body = jsonBody(deps.maxBodyBytes);
  const maxTextChars = deps.maxTextChars ?? 5000;
  /** Counts one use of a limit; false (429 already sent) when over it. */
  const admit = (res: Response, limit: 'conversations' | 'tokens' | 'messages', key: string) => deps.limits?.admit(res, limit, key) ?? Promise.resolve(true);
  const byAddress = (req: Request) => clientAddress(req, deps.trustProxy ?? false);

  const streamUrl = (req: Request, conversationId: string, token: string, watermark?: string) => {
    const base = deps.publicUrl ?? `http://${req.headers.host ?? 'localhost'}`;
    const ws = base.replace(/^http/, 'ws');
    const query = new URLSearchParams({ t: token, ...(watermark ? { watermark } : {}) });
    return `${ws}${BASE}/conversations/${encodeURIComponent(conversationId)}/stream?${query.toString()}`;
  };

  const grantFor = (req: Request, res: Response, conversationId?: string) => {
    const grant = tokens.verify(bearerToken(req.headers.authorization));
    if (!grant || (conversationId !== undefined && grant.conversationId !== conversationId)) {
      fail(res, 403, 'TokenInvalid', 'The token is missing, expired, or not valid for this conversation');
      return undefined;
    }
    return grant;
  };

  const newConversation = async () => {
    const conversationId = randomBytes(12).toString('base64url');
    await log.create(conversationId);
    return conversationId;
  };

  /** Tells the bot a user joined, once, when the conversation starts, with the client's locale for the greeting. */
  const announceStart = async (conversationId: string, locale: string | undefined) => {
    const page = await log.read(conversationId, 0, 1);
    if (page.watermark > 0) return;
    const userId = webChatUserId(conversationId);
    await deps.dispatch({
      type: 'conversationUpdate',
      id: `${conversationId}|start`,
      channelId: 'webchat',
      conversation: { id: conversationId },
      from: { id: userId, role: 'user' },
      recipient: WEB_CHAT_BOT,
      membersAdded: [{ id: userId, role: 'user' }],
      ...(locale ? { locale } : {}),
      timestamp: new Date().toISOString(),
    });
  };

  server.post(`${BASE}/tokens/generate`, async (req: Request, res: Response) => {
    if (!(await admit(res, 'conversations', byAddress(req)))) return;
    const conversationId = await newConversation();
    const { token, expiresIn } = tokens.issue(conversationId);
    res.json(200, { conversationId, token, expires_in: expiresIn });
  });

  server.post(`${BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const grant = grantFor(req, res);
    if (!grant) return;
    if (!(await admit(res, 'tokens', byAddress(req)))) return;
    const { token, expiresIn } = tokens.issue(grant.conversationId);
    res.json(200, { conversationId: grant.conversationId, token, expires_in: expiresIn });
  });

  server.post(`${BASE}/conversations`, body, async (req: Request, res: Response) => {
    let conversationId: string;
    if (req.headers.authorization) {
      const grant = grantFor(req, res);
      if (!grant) return;
      conversationId = grant.conversationId;
      if (!(await admit(res, 'tokens', byAddress(req)))) return;
      if (!(await log.exists(conversationId))) await log.create(conversationId);
    } else {
      if (!(await admit(res, 'conversations', byAddress(req)))) return;
      conversationId = await newConversation();
    }
    const { token, expiresIn } = tokens.issue(conversationId);
    try {
      await announceStart(conversationId, startLocale(req.body, req.headers['accept-language']));
    } catch (err) {
      logger.warn({ err: { name: (err as Error).name } }, 'could not announce a new web chat conversation');
    }
    res.json(201, { conversationId, token, expires_in: expiresIn, streamUrl: streamUrl(req, conversationId, token) });
  });

  server.get(`${BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const conversationId = String(req.params.conversationId);
    if (!grantFor(req, res, conversationId)) return;
    if (!(await log.exists(conversationId))) return fail(res, 404, 'BadArgument', 'Unknown or expired conversation');
    if (!(await admit(res, 'tokens', byAddress(req)))) return;
    const { token, expiresIn } = tokens.issue(conversationId);
    const watermark = typeof req.query?.watermark === 'string' ? req.query.watermark : undefined;
    res.json(200, { conversationId, token, expires_in: expiresIn, streamUrl: streamUrl(req, conversationId, token, watermark) });
  });

  server.get(`${BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const conversationId = String(req.params.conversationId);
    if (!grantFor(req, res, conversationId)) return;
    const page = await log.read(conversationId, parseWatermark(req.query?.watermark));
    res.json(200, { activities: page.activities, watermark: String(page.watermark) });
  });

  server.post(`${BASE}/conversations/:conversationId/activities`, body, async (req: Request, res: Response) => {
    const conversationId = String(req.params.conversationId);
    if (!grantFor(req, res, conversationId)) return;
    const text = (req.body as { text?: unknown } | undefined)?.text;
    if (typeof text === 'string' && text.length > maxTextChars) {
      res.json(413, { error: { code: 'TextTooLong', message: `Messages are limited to ${maxTextChars} characters`, maxChars: maxTextChars } });
      return;
    }
    if (!(await admit(res, 'messages', conversationId))) return;
    const parsed = PostedActivity.safeParse(req.body);
    if (!parsed.success) {
      return fail(res, 400, 'BadArgument', `Invalid activity: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; ')}`);
    }
    const posted = parsed.data;
    if (posted.type === 'typing') {
      res.json(200, { id: `${conversationId}|typing` });
      return;
    }
    const userId = webChatUserId(conversationId);
    const activity: Record<string, unknown> = {
      ...posted,
      channelId: 'webchat',
      conversation: { id: conversationId },
      // The client's from.id and name are ignored: identity is bound to the conversation, and names are personal data.
      from: { id: userId, role: 'user' },
      recipient: WEB_CHAT_BOT,
      channelData: clientChannelData(posted.channelData),
      timestamp: new Date().toISOString(),
    };
    const index = await log.append(conversationId, activity);
    const id = activityId(conversationId, index);
    try {
      await deps.dispatch({ ...activity, id });
    } catch (err) {
      logger.warn({ err: { name: (err as Error).name } }, 'web chat activity could not be handed to the bot');
      return fail(res, 503, 'ServiceUnavailable', 'Busy, please retry in a moment');
    }
    res.json(200, { id });
  });
}
