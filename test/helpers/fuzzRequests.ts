import fc from 'fast-check';
import { signWebhookBody } from '../../src/channels/whatsapp/webhookSignature.js';

/** One generated HTTP/1.1 request, as bytes for a raw socket, with what it aimed at (for the report). */
export interface FuzzRequest {
  readonly target: 'whatsapp' | 'directline' | 'upgrade' | 'messages' | 'arbitrary';
  readonly bytes: Buffer;
  /** Byte-mutated after building: may be incomplete (e.g. a Content-Length now larger than the body), so the server may rightly wait for more. */
  readonly mutated: boolean;
}

/** What the generators need from the running app. */
export interface FuzzContext {
  readonly appSecret: string;
  readonly verifyToken: string;
  /** A valid Direct Line conversation and token, so some requests get past authentication. */
  readonly conversationId: string;
  readonly token: string;
}

const TCHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split('');
const token = (max = 12) => fc.string({ unit: fc.constantFrom(...TCHARS), minLength: 1, maxLength: max });
const anyText = (max = 60) => fc.oneof(fc.string({ maxLength: max }), fc.string({ unit: 'grapheme', maxLength: max }), fc.string({ unit: 'binary', maxLength: max }));

/** Percent-encoded junk: valid and broken escapes, overlong UTF-8, NUL, dots. */
const pathSegment = fc.oneof(
  token(16),
  fc.constantFrom('%E0%A4%A', '%', '%%', '%zz', '%00', '%C0%AF', '%2e%2e', '..', '.', '%FF%FE', '%F0%9F%98%80', '%u0041', ';', ',', '~', '@', ':'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }).map((s) => s.replace(/[\s?#]/g, '')),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map((s) => encodeURIComponent(s)),
);
const query = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(pathSegment, pathSegment), { maxLength: 4 }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  fc.constantFrom('?watermark=-1', '?watermark=9999999999999999999', '?watermark=abc', '?t=', '?t=a.b.c', '?hub.mode=subscribe', '?%', '?a[b][c][d][e][f]=1', '?__proto__[x]=1', '?constructor[prototype][x]=1'),
);

const KNOWN_PREFIXES = ['/api/whatsapp', '/v3/directline', '/v3/directline/conversations', '/v3/directline/tokens/generate', '/api/messages', '/healthz', '/readyz', '/metrics', '/', '/chat.js', '/chat.css'];

/** Request targets: origin-form under our routes and elsewhere, absolute-form (valid and not), asterisk, authority. */
const requestTarget = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...KNOWN_PREFIXES), fc.array(pathSegment, { maxLength: 4 }), query).map(([p, segs, q]) => `${p}${segs.length ? '/' : ''}${segs.join('/')}${q}`) },
  { weight: 2, arbitrary: fc.tuple(fc.array(pathSegment, { maxLength: 6 }), query).map(([segs, q]) => `/${segs.join('/')}${q}`) },
  { weight: 1, arbitrary: fc.constantFrom('http://[/api/whatsapp', 'http://[::1/x', 'http://', 'https://x:99999/', 'http://a b/', 'http://x/%E0%A4%A', '*', 'example.org:443', '//', '///x', '\\\\x', 'http://x@y:z/', 'mailto:x', 'http://xn--/') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('http://', 'https://', 'HTTP://', 'ws://'), token(10), fc.constantFrom(...KNOWN_PREFIXES)).map(([s, h, p]) => `${s}${h}${p}`) },
);

const method = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD') },
  { weight: 1, arbitrary: fc.constantFrom('TRACE', 'CONNECT', 'PROPFIND', 'PURGE', 'SEARCH', 'MKCOL') },
  { weight: 1, arbitrary: token(10) },
);

const headerValue = fc.oneof(
  token(40),
  fc.string({ unit: 'grapheme-ascii', maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.constantFrom('', ' ', 'Bearer', 'Bearer ', 'Bearer a.b', 'Bearer ' + 'x'.repeat(5000), 'sha256=', 'sha256=zz', 'text/html', '*/*', 'application/json; charset=utf-16', 'gzip, br', 'fr;q=abc, ar;q=-1, en;q=1e999'),
);
const headerName = fc.oneof(
  fc.constantFrom('Accept', 'Accept-Language', 'Accept-Encoding', 'Authorization', 'Content-Type', 'X-Hub-Signature-256', 'Origin', 'Cookie', 'X-Forwarded-For', 'Transfer-Encoding', 'Expect', 'Upgrade', 'Connection', 'Sec-WebSocket-Key', 'Sec-WebSocket-Version', 'If-None-Match', 'Range'),
  token(20),
);
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });

type Mutation = { kind: 'flip'; at: number; byte: number } | { kind: 'insert'; at: number; text: string } | { kind: 'duplicate'; at: number; length: number };

/** Byte-level mutations of a well-formed request: flips, insertions, duplicated slices. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('\r\n', '\0', '\n', ' ', ':', '%', '{', '"', '\\', '\u00ff', 'é') }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

function mutate(bytes: Buffer, mutations: readonly Mutation[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    // Keep the request line's first bytes so most mutants still reach a route.
    const at = 8 + (m.at % Math.max(1, out.length - 8));
    if (m.kind === 'flip') out[at] = m.byte;
    else if (m.kind === 'insert') out = Buffer.concat([out.subarray(0, at), Buffer.from(m.text), out.subarray(at)]);
    else out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + m.length), out.subarray(at)]);
  }
  return out;
}

/** Builds the bytes of a request; Content-Length always matches unless `lengthLie` says otherwise. */
function build(methodName: string, target: string, hs: ReadonlyArray<readonly [string, string]>, body: Buffer | undefined, options: { chunked?: boolean } = {}): Buffer {
  const lines = [`${methodName} ${target} HTTP/1.1`, 'Host: 127.0.0.1', ...hs.map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  if (body && options.chunked) {
    lines.push('Transfer-Encoding: chunked');
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
  }
  if (body) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body ?? Buffer.alloc(0)]);
}

const waMessage = fc.record({
  from: fc.oneof(fc.constantFrom('212600000001', '212600000002', '212600000003'), fc.string({ maxLength: 20 })),
  id: fc.oneof(fc.uuid().map((u) => `wamid.fuzz.${u}`), fc.string({ maxLength: 30 })),
  timestamp: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }).map(String), fc.string({ maxLength: 12 })),
  type: fc.constantFrom('text', 'interactive', 'button', 'audio', 'image', 'location', 'sticker', 'unsupported', 'reaction', 'x'),
  text: fc.option(fc.record({ body: anyText(200) }), { nil: undefined }),
  interactive: fc.option(fc.record({ type: fc.constantFrom('button_reply', 'list_reply', 'nfm_reply'), button_reply: fc.record({ id: anyText(30), title: anyText(30) }) }), { nil: undefined }),
});
const waBody = fc.oneof(
  { weight: 4, arbitrary: fc.array(waMessage, { maxLength: 3 }).map((messages) => ({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: '100200300', display_phone_number: '1' }, messages } }] }] })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

/** Every request kind, weighted so that each target gets thousands of cases in 10,000. */
export function fuzzRequest(ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const auth = fc.oneof(fc.constant(`Bearer ${ctx.token}`), headerValue, fc.constant(undefined));
  const conversation = fc.oneof(fc.constant(ctx.conversationId), pathSegment);

  const whatsapp = fc
    .tuple(fc.oneof(waBody.map((b) => JSON.stringify(b)), anyText(300)), fc.constantFrom('good', 'bad', 'none'), headers, fc.boolean(), fc.array(mutation, { maxLength: 2 }), fc.boolean())
    .map(([raw, signature, hs, chunked, mutations, mutated]) => {
      const body = Buffer.from(raw);
      const sig: Array<[string, string]> = signature === 'good' ? [['X-Hub-Signature-256', signWebhookBody(body, ctx.appSecret)]] : signature === 'bad' ? [['X-Hub-Signature-256', `sha256=${'0'.repeat(64)}`]] : [];
      const bytes = build('POST', '/api/whatsapp', [['Content-Type', 'application/json'], ...sig, ...hs.filter(([k]) => !/^(content-length|transfer-encoding|connection|host)$/i.test(k))], body, { chunked });
      return { target: 'whatsapp' as const, bytes: mutated ? mutate(bytes, mutations) : bytes, mutated };
    });
  const handshake = fc.tuple(fc.constantFrom('subscribe', 'unsubscribe', ''), fc.oneof(fc.constant(ctx.verifyToken), token(20)), anyText(20)).map(([mode, vt, challenge]) => ({
    target: 'whatsapp' as const,
    bytes: build('GET', `/api/whatsapp?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(vt)}&hub.challenge=${encodeURIComponent(challenge)}`, [], undefined),
    mutated: false,
  }));

  const directLinePath = fc.oneof(
    fc.constantFrom('/tokens/generate', '/tokens/refresh', '/conversations'),
    conversation.map((c) => `/conversations/${c}`),
    fc.tuple(conversation, fc.constantFrom('activities', 'upload', 'stream', 'x', '')).map(([c, s]) => `/conversations/${c}/${s}`),
  );
  const activity = fc.oneof(
    fc.record({ type: fc.constantFrom('message', 'typing', 'event', 'invoke', ''), text: fc.option(anyText(300), { nil: undefined }), locale: fc.option(anyText(25), { nil: undefined }), value: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }) }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 4 }),
  );
  const directLine = fc
    .tuple(method, directLinePath, query, auth, fc.option(fc.oneof(activity.map((a) => JSON.stringify(a)), anyText(200)), { nil: undefined }), headers, fc.array(mutation, { maxLength: 2 }), fc.boolean())
    .map(([m, path, q, a, body, hs, mutations, mutated]) => {
      const bytes = build(m, `/v3/directline${path}${q}`, [['Content-Type', 'application/json'], ...(a ? ([['Authorization', a]] as Array<[string, string]>) : []), ...hs.filter(([k]) => !/^(content-length|transfer-encoding|connection|host|expect)$/i.test(k))], body === undefined ? undefined : Buffer.from(body));
      return { target: 'directline' as const, bytes: mutated ? mutate(bytes, mutations) : bytes, mutated };
    });

  const upgrade = fc
    .tuple(fc.oneof(conversation.map((c) => `/v3/directline/conversations/${c}/stream`), requestTarget), fc.oneof(fc.constant(`?t=${ctx.token}`), query), headers, fc.boolean(), fc.boolean())
    .map(([path, q, hs, key, version]) => ({
      target: 'upgrade' as const,
      bytes: build('GET', `${path}${q}`, [['Upgrade', 'websocket'], ...(key ? ([['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ==']] as Array<[string, string]>) : []), ...(version ? ([['Sec-WebSocket-Version', '13']] as Array<[string, string]>) : []), ...hs.filter(([k]) => !/^(content-length|transfer-encoding|connection|host)$/i.test(k))], undefined).toString().replace('Connection: close', 'Connection: Upgrade'),
    }))
    .map((r) => ({ target: r.target, bytes: Buffer.from(r.bytes), mutated: false }));

  const messagesBody = fc.oneof(
    fc.record(
      {
        type: fc.constantFrom('message', 'conversationUpdate', 'invoke', 'event', '', 'x'),
        text: anyText(200),
        serviceUrl: fc.constantFrom('https://example.org/', 'http://169.254.169.254/', 'not a url', 'http://localhost.evil.com/'),
        conversation: fc.record({ id: anyText(20) }),
        from: fc.record({ id: anyText(20) }),
        channelId: fc.constantFrom('emulator', 'msteams', ''),
      },
      { requiredKeys: ['serviceUrl'] },
    ),
    fc.jsonValue({ maxDepth: 4 }),
  );
  const messages = fc.tuple(fc.oneof(messagesBody.map((b) => JSON.stringify(b)), anyText(200)), headers, fc.array(mutation, { maxLength: 2 }), fc.boolean()).map(([body, hs, mutations, mutated]) => {
    const bytes = build('POST', '/api/messages', [['Content-Type', 'application/json'], ...hs.filter(([k]) => !/^(content-length|transfer-encoding|connection|host|expect)$/i.test(k))], Buffer.from(body));
    return { target: 'messages' as const, bytes: mutated ? mutate(bytes, mutations) : bytes, mutated };
  });

  const arbitrary = fc.tuple(method, requestTarget, headers, fc.option(anyText(200), { nil: undefined }), fc.array(mutation, { maxLength: 3 }), fc.boolean()).map(([m, t, hs, body, mutations, mutated]) => {
    const bytes = build(m, t, hs.filter(([k]) => !/^(content-length|transfer-encoding|connection|host|expect|upgrade)$/i.test(k)), body === undefined ? undefined : Buffer.from(body));
    return { target: 'arbitrary' as const, bytes: mutated ? mutate(bytes, mutations) : bytes, mutated };
  });

  return fc.oneof({ weight: 3, arbitrary: whatsapp }, { weight: 1, arbitrary: handshake }, { weight: 4, arbitrary: directLine }, { weight: 2, arbitrary: upgrade }, { weight: 2, arbitrary: messages }, { weight: 3, arbitrary: arbitrary });
}
