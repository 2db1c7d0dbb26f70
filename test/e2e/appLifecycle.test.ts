import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runAppToExit, startApp } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

// Each test spawns the app (the first one runs it to its exit), allowed the start-up wait of a loaded machine.
describe('the assistant process', { timeout: afterAppStarts(1, 30_000) }, () => {
  it('refuses a bad configuration with one clear line per problem and no stack trace', async () => {
    const { code, output } = await runAppToExit({ PORT: 'not-a-port', REDIS_URL: 'localhost:6379' });
    expect(code).toBe(1);
    expect(output).toContain('PORT:');
    expect(output).toContain('example: PORT=3978');
    expect(output).toContain('REDIS_URL:');
    expect(output).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack frames
  });

  it('starts on the embedded store, prints the web chat URL, and exits 0 on SIGTERM', async () => {
    const app = await startApp({ LOG_LEVEL: 'info' });
    expect(app.output()).toContain(`http://localhost:${app.port}/`);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await app.stop()).toBe(0);
  });

  it('runs on Redis when REDIS_URL is set and reports ready', async () => {
    const app = await startApp({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: uniquePrefix('app') });
    const ready = await fetch(`${app.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    expect(await app.stop()).toBe(0);
  });
});
