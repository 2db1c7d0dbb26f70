import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

/** A partner's site on its own loopback origin, embedding Microsoft's Web Chat from the npm package. */
export interface WebChatHost {
  /** Page URL for one Web Chat against `api` (`<app>/v3/directline`). */
  pageUrl(options: { api: string; locale?: string; webSocket?: boolean }): string;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner site</title>
<style>html,body{height:100%;margin:0}#webchat{height:100%}</style></head>
<body><div id="webchat" role="main"></div>
<script src="/webchat.js"></script>
<script>
  const params = new URLSearchParams(location.search);
  const api = params.get('api');
  const locale = params.get('locale') || 'en-US';
  // As a partner would: a token from the assistant, then Web Chat on the assistant's Direct Line API.
  fetch(api + '/tokens/generate', { method: 'POST' })
    .then((res) => res.json())
    .then(({ token }) => {
      window.directLine = window.WebChat.createDirectLine({
        token,
        domain: api,
        webSocket: params.get('ws') !== '0',
        pollingInterval: 500,
        conversationStartProperties: { locale },
      });
      window.WebChat.renderWebChat({ directLine: window.directLine, locale }, document.getElementById('webchat'));
    })
    .catch((err) => { document.title = 'failed: ' + err.message; });
</script></body></html>`;

/**
 * Starts the partner site on 127.0.0.1 (a different port, hence a different origin from the assistant),
 * serving Web Chat's bundle from `node_modules/botframework-webchat/dist/webchat.js` (never a CDN).
 */
export async function startWebChatHost(): Promise<WebChatHost> {
  const dist = join(process.cwd(), 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');
  const bundle = readFileSync(dist);
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/webchat.js')) {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'content-length': bundle.length });
      res.end(bundle);
      return;
    }
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    pageUrl: ({ api, locale, webSocket }) => {
      const query = new URLSearchParams({ api, ...(locale ? { locale } : {}), ...(webSocket === false ? { ws: '0' } : {}) });
      return `http://127.0.0.1:${port}/?${query.toString()}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
