import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { createLogger } from '../../../src/observability/logger.js';
import { senderFixture, text } from './senderFixtures.js';

const USER = '212600000001';
// A wamid carries the sender's number in base64 (MjEyNjAwMDAwMDAx = "212600000001").
const WAMID = 'wamid.HBgMMjEyNjAwMDAwMDAxFQIAEhgUM0E0QTY1OTlBRUUwMzgxMDE0NEYA';
let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe('WhatsAppSender logs', () => {
  it('name a reply skipped as a duplicate by a keyed hash, never by its idempotency key (built from the wamid)', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'trace' }, new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const f = await senderFixture({ logger });
    fake = f.fake;
    f.wrote(USER);
    const key = `${WAMID}#0.0`;
    expect((await f.sender.send(USER, text('Bonjour'), key)).status).toBe('sent');
    expect((await f.sender.send(USER, text('Bonjour'), key)).status).toBe('duplicate');
    const output = lines.join('');
    expect(output).toContain('already sent');
    expect(output).toMatch(/"key":"h:[0-9a-f]{10}"/);
    for (const secret of [WAMID, WAMID.slice(6, 30), 'MjEyNjAwMDAwMDAx', USER]) expect(output).not.toContain(secret);
  });
});
