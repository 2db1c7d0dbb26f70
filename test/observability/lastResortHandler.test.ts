import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { installLastResortHandlers } from '../../src/observability/lastResortHandler.js';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { lastResortCount } from '../helpers/lastResortCount.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger({ level: 'info' }, stream), lines };
}

describe('installLastResortHandlers', () => {
  it('logs an uncaught error by name and stack frames only, counts it, and removes itself', async () => {
    const { logger, lines } = capture();
    const metrics = createMetrics();
    const emitter = new EventEmitter();
    const remove = installLastResortHandlers({ logger, counter: metrics.uncaughtErrors, target: emitter as unknown as NodeJS.Process });
    const target = emitter;
    const error = new TypeError('cannot read "+212612345678" of undefined');
    target.emit('uncaughtException', error);
    target.emit('unhandledRejection', new Error('rejected with Awa'));
    expect(lastResortCount(await metrics.registry.metrics())).toBe(2);
    const logged = lines.map((l) => JSON.parse(l) as { kind: string; err: { name: string; stack: string } });
    expect(logged.map((l) => l.kind)).toEqual(['uncaughtException', 'unhandledRejection']);
    expect(logged[0]!.err.name).toBe('TypeError');
    expect(logged[0]!.err.stack).toContain('lastResortHandler.test.ts');
    expect(lines.join('')).not.toContain('212612345678');
    expect(lines.join('')).not.toContain('Awa');
    remove();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });
});
