import { describe, expect, it } from 'vitest';
import { KeyedSerializer } from '../../src/pipeline/keyedSerializer.js';

describe('KeyedSerializer', () => {
  it('runs tasks of one key one at a time in order, even when one fails', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = serializer.run('a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = serializer.run('a', async () => void log.push('a2'));
    const other = serializer.run('b', async () => void log.push('b1'));
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    await expect(first).rejects.toThrow('a1 failed');
    await second;
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    expect(serializer.size).toBe(0);
  });
});
