import busboy from 'busboy';
import type { Request, Response, Server } from 'restify';
import type { AppLogger } from '../../observability/logger.js';
import { describeError } from '../../observability/describeError.js';
import { activityId, type ConversationLog } from '../../stores/types.js';
import { clientChannelData, PostedActivity, webChatUserId } from './directLineActivity.js';
import { bearerToken, type DirectLineTokens } from './directLineTokens.js';
import { WEB_CHAT_BOT } from './webChatParticipants.js';
import type { AbuseLimits } from '../../http/abuseLimits.js';

/** Dependencies of {@link registerDirectLineUpload}. */
export interface DirectLineUploadDeps {
  readonly log: ConversationLog;
  readonly tokens: DirectLineTokens;
  /** Hands a stored user activity to the bot; rejects when it cannot be taken now. */
  readonly dispatch: (activity: Record<string, unknown>) => Promise<void>;
  /** Largest upload accepted, in bytes (DIRECTLINE_UPLOAD_MAX_BYTES, default 8 MiB). */
  readonly maxUploadBytes: number;
  readonly logger: AppLogger;
  /** Flood limits: an upload counts as one activity of the conversation ('messages'). None when undefined. */
  readonly limits?: AbuseLimits;
}

/** Kinds the bot answers (see dialogs/rootDialog.ts), from a file's MIME type. */
export function messageKindOf(contentType: string): 'image' | 'audio' | 'video' | 'document' {
  const type = contentType.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'document';
}

/** What an upload carried: the template activity (if any) and each file's type and name, never its bytes. */
interface ParsedUpload {
  readonly activity: unknown;
  readonly files: Array<{ contentType: string; name?: string }>;
}

class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The upload is larger than ${maxBytes} bytes`);
    this.name = 'UploadTooLargeError';
  }
}

const MAX_ACTIVITY_BYTES = 64 * 1024;
const MAX_FILES = 10;

/**
 * Reads a Direct Line upload: `multipart/form-data` as botframework-directlinejs sends it (an `activity`
 * part of type application/vnd.microsoft.activity, then one part per file), or one raw file as the body.
 * File bytes are counted and dropped as they stream in, never buffered or written anywhere.
 */
function readUpload(req: Request, maxBytes: number): Promise<ParsedUpload> {
  return new Promise((resolve, reject) => {
    const contentType = String(req.headers['content-type'] ?? 'application/octet-stream');
    let total = 0;
    const countOrFail = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        reject(new UploadTooLargeError(maxBytes));
        req.unpipe();
        req.resume();
        return false;
      }
      return true;
    };
    if (!/^multipart\/form-data/i.test(contentType)) {
      req.on('data', countOrFail);
      req.once('end', () => resolve({ activity: undefined, files: [{ contentType: contentType.split(';')[0]?.trim() || 'application/octet-stream' }] }));
      req.once('error', reject);
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: MAX_FILES + 1, fields: 10, fieldSize: MAX_ACTIVITY_BYTES, parts: MAX_FILES + 12 } });
    } catch (err) {
      reject(err);
      return;
    }
    let activityJson = '';
    const files: ParsedUpload['files'] = [];
    parser.on('file', (name, stream, info) => {
      if (name === 'activity') {
        stream.on('data', (chunk: Buffer) => {
          if (activityJson.length + chunk.length <= MAX_ACTIVITY_BYTES) activityJson += chunk.toString('utf8');
        });
        return;
      }
      files.push({ contentType: info.mimeType || 'application/octet-stream', ...(info.filename ? { name: info.filename.slice(0, 300) } : {}) });
      stream.resume(); // drop the bytes
    });
    parser.on('field', (name, value) => {
      if (name === 'activity') activityJson = value;
    });
    parser.on('filesLimit', () => reject(new UploadTooLargeError(maxBytes)));
    parser.once('error', reject);
    parser.once('close', () => {
      try {
        resolve({ activity: activityJson ? JSON.parse(activityJson) : undefined, files });
      } catch {
        resolve({ activity: null, files });
      }
    });
    req.on('data', (chunk: Buffer) => {
      if (countOrFail(chunk)) parser.write(chunk);
    });
    req.once('end', () => parser.end());
    req.once('error', reject);
  });
}

/**
 * `POST /v3/directline/conversations/:id/upload`: a file sent from Web Chat. The file is read and dropped,
 * never kept; the bot receives a message naming the kind of file (`channelData.messageKind`) and answers
 * as it answers WhatsApp media (kindly, offering a person where one can help). Above
 * `maxUploadBytes` the answer is 413.
 */
export function registerDirectLineUpload(server: Server, deps: DirectLineUploadDeps): void {
  const fail = (res: Response, status: number, code: string, message: string) => {
    if (!res.headersSent) res.json(status, { error: { code, message } });
  };

  server.post('/v3/directline/conversations/:conversationId/upload', async (req: Request, res: Response) => {
    const conversationId = String(req.params.conversationId);
    const grant = deps.tokens.verify(bearerToken(req.headers.authorization));
    if (!grant || grant.conversationId !== conversationId) {
      req.resume();
      return fail(res, 403, 'TokenInvalid', 'The token is missing, expired, or not valid for this conversation');
    }
    if (deps.limits && !(await deps.limits.admit(res, 'messages', conversationId))) {
      req.resume();
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > deps.maxUploadBytes) {
      res.setHeader('Connection', 'close');
      return fail(res, 413, 'MessageSizeTooBig', `Files are limited to ${deps.maxUploadBytes} bytes`);
    }
    let upload: ParsedUpload;
    try {
      upload = await readUpload(req, deps.maxUploadBytes);
    } catch (err) {
      if (err instanceof UploadTooLargeError) {
        res.setHeader('Connection', 'close');
        return fail(res, 413, 'MessageSizeTooBig', `Files are limited to ${deps.maxUploadBytes} bytes`);
      }
      deps.logger.info({ err: describeError(err as Error) }, 'unreadable web chat upload');
      return fail(res, 400, 'BadArgument', 'The upload could not be read (multipart/form-data expected)');
    }
    const template = PostedActivity.safeParse(upload.activity ?? { type: 'message' });
    if (!template.success || template.data.type !== 'message' || upload.activity === null) {
      return fail(res, 400, 'BadArgument', 'The upload\'s "activity" part is not a message activity');
    }
    if (upload.files.length === 0) return fail(res, 400, 'BadArgument', 'The upload holds no file');
    const first = upload.files[0] as ParsedUpload['files'][number];
    const activity: Record<string, unknown> = {
      ...template.data,
      channelId: 'webchat',
      conversation: { id: conversationId },
      from: { id: webChatUserId(conversationId), role: 'user' },
      recipient: WEB_CHAT_BOT,
      // Type and name only: the file itself is gone.
      attachments: upload.files.map((f) => ({ contentType: f.contentType, ...(f.name ? { name: f.name } : {}) })),
      channelData: { ...clientChannelData(template.data.channelData), messageKind: messageKindOf(first.contentType) },
      timestamp: new Date().toISOString(),
    };
    const index = await deps.log.append(conversationId, activity);
    const id = activityId(conversationId, index);
    try {
      await deps.dispatch({ ...activity, id });
    } catch (err) {
      deps.logger.warn({ err: describeError(err as Error) }, 'web chat upload could not be handed to the bot');
      return fail(res, 503, 'ServiceUnavailable', 'Busy, please retry in a moment');
    }
    res.json(200, { id });
  });
}
