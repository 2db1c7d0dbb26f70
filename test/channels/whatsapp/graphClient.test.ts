import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { GraphApiError, GraphClient } from '../../../src/channels/whatsapp/graphClient.js';

let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function client() {
  fake = await startFakeGraphServer();
  return new GraphClient({ apiUrl: `${fake.url}/`, phoneNumberId: '100200300', accessToken: 'secret-token' });
}

describe('GraphClient', () => {
  it('returns the wamid of an accepted message', async () => {
    const graph = await client();
    expect(await graph.sendMessage('212600000001', { type: 'text', text: { body: 'x' } })).toBe('wamid.fake.1');
    expect(fake!.requests[0]!.path).toBe('/100200300/messages');
  });

  it('turns a Graph error into a GraphApiError with status, code, subcode and a hint, without personal data', async () => {
    const graph = await client();
    fake!.failNext(1, { status: 400, code: 131026, subcode: 2494010, message: '(#131026) Message undeliverable to +212 6 00 00 00 01' });
    const error = await graph.sendMessage('212600000001', { type: 'text', text: { body: 'mon secret' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    const e = error as GraphApiError;
    expect(e.name).toBe('GraphApiError');
    expect([e.status, e.code, e.subcode, e.method]).toEqual([400, 131026, 2494010, 'POST /messages']);
    expect(e.hint).toContain('undeliverable');
    expect(e.fbtraceId).toMatch(/^fake-trace-/);
    expect(e.message).not.toMatch(/212|00 00|mon secret|secret-token/);
  });

  it('hints at the token on 401', async () => {
    const graph = await client();
    fake!.failNext(1, { status: 401, code: 190 });
    const e = (await graph.markRead('wamid.x').catch((err: unknown) => err)) as GraphApiError;
    expect(e.status).toBe(401);
    expect(e.hint).toContain('WHATSAPP_ACCESS_TOKEN');
  });

  it('reports a dropped connection as a network error (no status) without the token', async () => {
    const graph = await client();
    fake!.failNext(1, { network: true });
    const e = (await graph.sendMessage('212600000001', { type: 'text', text: { body: 'x' } }).catch((err: unknown) => err)) as GraphApiError;
    expect(e).toBeInstanceOf(GraphApiError);
    expect(e.status).toBeUndefined();
    expect(e.message).toContain('network error');
    expect(JSON.stringify(e)).not.toContain('secret-token');
  });
});
