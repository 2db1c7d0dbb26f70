import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDirectLineRoutes } from '../../../src/channels/webchat/directLineRoutes.js';
import { messageKindOf, registerDirectLineUpload } from '../../../src/channels/webchat/directLineUpload.js';
import { DirectLineTokens } from '../../../src/channels/webchat/directLineTokens.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';

const MAX = 64 * 1024;
const SECRET_BYTES = 'FILE-CONTENT-THAT-MUST-NOT-BE-KEPT';
let http: HttpServer;
let url: string;
const log = new MemoryConversationLog(3600);
const dispatched: Array<Record<string, any>> = [];

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  http = createHttpServer({ logger, readiness: [] });
  const tokens = new DirectLineTokens(undefined);
  const dispatch = async (activity: Record<string, unknown>) => void dispatched.push(activity);
  registerDirectLineRoutes(http.server, { log, tokens, dispatch, maxBodyBytes: 8192, logger });
  registerDirectLineUpload(http.server, { log, tokens, dispatch, maxUploadBytes: MAX, logger });
  url = await listenOnLoopback(http.server);
});
afterAll(() => http.close());

async function start() {
  const c = (await (await fetch(`${url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
  dispatched.length = 0;
  return c;
}

/** The multipart body botframework-directlinejs builds for a message with files. */
function directLineForm(files: Array<{ type: string; name: string; bytes: string | Uint8Array<ArrayBuffer> }>) {
  const form = new FormData();
  const activity = { type: 'message', from: { id: 'me', role: 'user' }, locale: 'en-US', channelData: { clientActivityID: 'up1', mediaId: 'forged' }, attachments: files.map((f) => ({ contentType: f.type, name: f.name })) };
  form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  for (const f of files) form.append('file', new Blob([f.bytes], { type: f.type }), f.name);
  return form;
}

const upload = (c: { conversationId: string; token: string }, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${url}/v3/directline/conversations/${c.conversationId}/upload?userId=me`, { method: 'POST', headers: { authorization: `Bearer ${c.token}`, ...headers }, body });

describe('registerDirectLineUpload', () => {
  it('accepts a photo from Web Chat, hands the bot an image message and keeps no byte of the file', async () => {
    const c = await start();
    const res = await upload(c, directLineForm([{ type: 'image/jpeg', name: 'photo.jpg', bytes: SECRET_BYTES }]));
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({
      id,
      type: 'message',
      attachments: [{ contentType: 'image/jpeg', name: 'photo.jpg' }],
      channelData: { clientActivityID: 'up1', messageKind: 'image' },
      from: { role: 'user' },
    });
    expect(dispatched[0]?.attachments[0].contentUrl).toBeUndefined();
    expect(dispatched[0]?.channelData.mediaId).toBeUndefined();
    const stored = await log.read(c.conversationId, 0);
    expect(JSON.stringify(stored)).not.toContain(SECRET_BYTES);
    expect(stored.activities.at(-1)).toMatchObject({ id, channelData: { clientActivityID: 'up1' } });
  });

  it('accepts a file sent as the raw body, as the Direct Line API allows', async () => {
    const c = await start();
    const res = await upload(c, SECRET_BYTES, { 'content-type': 'application/pdf' });
    expect(res.status).toBe(200);
    expect(dispatched[0]).toMatchObject({ attachments: [{ contentType: 'application/pdf' }], channelData: { messageKind: 'document' } });
  });

  it('answers 413 above the size limit, announced or streamed, and stores nothing', async () => {
    const c = await start();
    const before = (await log.read(c.conversationId, 0)).watermark;
    const big = new Uint8Array(MAX + 1024);
    expect((await upload(c, directLineForm([{ type: 'image/png', name: 'big.png', bytes: big }]))).status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(MAX / 2));
        controller.close();
      },
    });
    const streamed = await fetch(`${url}/v3/directline/conversations/${c.conversationId}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'video/mp4' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(dispatched).toHaveLength(0);
    expect((await log.read(c.conversationId, 0)).watermark).toBe(before);
  });

  it('refuses a wrong token (403) and an upload without a file or with a broken activity (400)', async () => {
    const c = await start();
    const other = await start();
    expect((await upload({ ...c, token: other.token }, directLineForm([{ type: 'image/png', name: 'a.png', bytes: 'x' }]))).status).toBe(403);
    const empty = new FormData();
    empty.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
    expect((await upload(c, empty)).status).toBe(400);
    const broken = new FormData();
    broken.append('activity', new Blob(['{not json'], { type: 'application/vnd.microsoft.activity' }));
    broken.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png');
    expect((await upload(c, broken)).status).toBe(400);
    expect(dispatched).toHaveLength(0);
  });

  it.each([
    ['image/png', 'image'],
    ['AUDIO/ogg', 'audio'],
    ['video/mp4', 'video'],
    ['application/pdf', 'document'],
    ['', 'document'],
  ])('messageKindOf(%s) is %s', (type, kind) => {
    expect(messageKindOf(type)).toBe(kind);
  });
});
