import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { waitFor } from '../helpers/appProcess.js';
import { runCommand } from '../helpers/runCommand.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { postInOrder, repliesTo, startWhatsAppApp } from '../helpers/whatsappLoad.js';

// Inside the project (.tmp/ is git-ignored), so the built files find node_modules as dist/ does.
const OUT = join('.tmp', `build-test-${process.pid}`);
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('npm start runs the built JavaScript (scripts/build.mjs), without tsx', () => {
  it('builds, starts with WORKERS=2 (plain-JavaScript threads), answers a WhatsApp message and stops cleanly', async () => {
    const built = await runCommand(process.execPath, ['scripts/build.mjs', OUT]);
    expect(built.code).toBe(0);
    const fake = await startFakeGraphServer();
    try {
      const app = await startWhatsAppApp(fake, inject('redisUrl'), uniquePrefix('built'), { WORKERS: '2', LOG_LEVEL: 'info' }, undefined, ['--no-deprecation', join(OUT, 'src/index.js')]);
      await waitFor(() => app.output().split('turn worker thread running').length === 3, 120_000, 'two worker threads running');
      await postInOrder(() => [app.url], '212600953000', ['c quoi le rapatriement volontaire'], 'built');
      await waitFor(() => repliesTo(fake, '212600953000').length >= 1, 60_000, 'a reply');
      expect(await app.stop()).toBe(0);
    } finally {
      await fake.stop();
    }
  }, 300_000);
});
