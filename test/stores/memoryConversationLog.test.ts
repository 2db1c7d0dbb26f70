import { describe, expect, it } from 'vitest';
import { MemoryConversationLog } from '../../src/stores/memory/memoryConversationLog.js';
import { waitFor } from '../helpers/appProcess.js';

describe('MemoryConversationLog', () => {
  it('sweeps expired conversations from memory by itself, keeping live ones', async () => {
    let now = 1_000_000;
    const log = new MemoryConversationLog(60, () => now, 10);
    try {
      for (let i = 0; i < 100; i++) await log.create(`old${i}`);
      now += 30_000;
      await log.create('recent');
      expect(log.size).toBe(101);
      now += 31_000; // the 100 old ones are now past their 60 s lifetime, 'recent' is not
      await waitFor(() => log.size === 1, 5000, 'the sweep');
      expect(await log.exists('recent')).toBe(true);
    } finally {
      await log.close();
    }
  });
});
