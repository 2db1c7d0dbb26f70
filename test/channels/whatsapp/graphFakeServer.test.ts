import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';

let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe('startFakeGraphServer', () => {
  it('answers sends like Graph and records them with headers', async () => {
    fake = await startFakeGraphServer();
    const res = await fetch(`${fake.url}/123/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: '212600000001', type: 'text', text: { body: 'x' } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: '212600000001', wa_id: '212600000001' }],
      messages: [{ id: 'wamid.fake.1' }],
    });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer t');
    expect(fake.sentMessages()).toHaveLength(1);
  });

  it('fails the next n requests as told, then succeeds', async () => {
    fake = await startFakeGraphServer();
    fake.failNext(2, { status: 429, code: 130429 });
    const post = () => fetch(`${fake!.url}/123/messages`, { method: 'POST', body: JSON.stringify({ to: '1' }) });
    const first = await post();
    expect(first.status).toBe(429);
    expect(((await first.json()) as { error: { code: number } }).error.code).toBe(130429);
    expect((await post()).status).toBe(429);
    expect((await post()).status).toBe(200);
    expect(fake.sentMessages()).toHaveLength(1);
    expect(fake.requests.map((r) => r.outcome)).toEqual(['failed', 'failed', 'ok']);
  });

  it('can drop the connection (network error)', async () => {
    fake = await startFakeGraphServer();
    fake.failNext(1, { network: true });
    await expect(fetch(`${fake.url}/123/messages`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
