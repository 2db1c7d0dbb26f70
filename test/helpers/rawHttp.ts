import { connect } from 'node:net';

/** What a server answered on a raw socket: status (0 when it closed without one), headers and body. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly raw: string;
}

/**
 * Writes `request` bytes as they are to `host:port` and reads until the server closes or `timeoutMs`
 * (default 3000) passes. For requests fetch() refuses to send: invalid targets, methods, headers, upgrades.
 * Requests should carry `Connection: close` so the server ends the exchange.
 */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 3000, host = '127.0.0.1'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, host, () => socket.write(request));
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks).toString('utf8')));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      const text = Buffer.concat(chunks).toString('utf8');
      const response = parseResponse(text);
      const length = Number(response.headers['content-length']);
      // A complete response with a length (or a refused upgrade) is enough: no need to wait for the close.
      if (response.status > 0 && Number.isFinite(length) && Buffer.byteLength(response.body) >= length) done();
    });
    socket.on('end', done);
    socket.on('close', done);
    socket.on('error', (err: Error & { code?: string }) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? done() : reject(err)));
  });
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status, headers, body: end === -1 ? '' : text.slice(end + 4), raw: text };
}
