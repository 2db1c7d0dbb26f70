import { createServer, type IncomingMessage, type Server as NodeServer } from 'node:http';

/** What the fake connector received: the path and the activity of each reply posted to it. */
export interface PostedReply {
  readonly path: string;
  readonly activity: { type: string; text?: string; textFormat?: string; replyToId?: string; conversation?: { id: string } };
}

/** How the fake connector treats the first post of a matching reply. */
export interface FakeConnectorOptions {
  /** Answers 500 (a refusal: nothing went out). */
  readonly failFirst?: (activity: PostedReply['activity']) => boolean;
  /** Answers 500 to every post of a matching reply. */
  readonly failAlways?: (activity: PostedReply['activity']) => boolean;
  /** Records the reply (it went out) and drops the connection without answering, like a timeout. */
  readonly acceptThenDrop?: (activity: PostedReply['activity']) => boolean;
}

/**
 * A Bot Framework connector (what the Emulator or Azure serves at `serviceUrl`) on loopback, recording the
 * replies posted to it; see {@link FakeConnectorOptions} for the failures it can play. Closed by `cleanups`.
 */
export async function startFakeConnector(cleanups: Array<() => Promise<unknown> | void>, options: FakeConnectorOptions = {}) {
  const posted: PostedReply[] = [];
  const failed = new Set<string>();
  const server: NodeServer = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const activity = JSON.parse(body || '{}') as PostedReply['activity'];
      const key = `${req.url}|${activity.text}`;
      if (options.failAlways?.(activity) || (options.failFirst?.(activity) && !failed.has(key))) {
        failed.add(key);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      posted.push({ path: req.url ?? '', activity });
      if (options.acceptThenDrop?.(activity) && !failed.has(key)) {
        failed.add(key);
        req.socket.destroy();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `r${posted.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const address = server.address();
  return { posted, serviceUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}
