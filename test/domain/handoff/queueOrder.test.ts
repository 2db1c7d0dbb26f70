import { describe, expect, it } from 'vitest';
import { estimateWait } from '../../../src/domain/handoff/queueOrder.js';

const MIN = 60_000;

describe('estimateWait', () => {
  it('is unknown without recent waits', () => {
    expect(estimateWait([], 0)).toBeUndefined();
  });

  it('uses the median of the last 20 waits, minus what was already waited, at least a minute', () => {
    expect(estimateWait([10 * MIN, 30 * MIN, 20 * MIN], 0)).toBe(20 * MIN);
    expect(estimateWait([10 * MIN, 20 * MIN], 5 * MIN)).toBe(10 * MIN);
    expect(estimateWait([10 * MIN], 30 * MIN)).toBe(MIN);
    const old = Array.from({ length: 30 }, (_, i) => (i < 20 ? 2 * MIN : 90 * MIN));
    expect(estimateWait(old, 0)).toBe(2 * MIN);
  });
});
