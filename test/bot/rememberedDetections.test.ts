import { describe, expect, it } from 'vitest';
import { rememberDetections } from '../../src/bot/rememberedDetections.js';
import type { SafetyDetection, SafetyDetector } from '../../src/domain/safety/safetyDetector.js';

/** A detector that fires on "help" and counts its readings. */
function countingDetector(): SafetyDetector & { readings: string[] } {
  const readings: string[] = [];
  return {
    readings,
    detect(text) {
      readings.push(text);
      return text.includes('help') ? ({ category: 'medical', rule: 'help', matches: [{ category: 'medical', rule: 'help' }] } as SafetyDetection) : null;
    },
    reply: (lang, category) => `${lang}:${category}`,
    framed: (text) => text.endsWith('film'),
  };
}

describe('rememberDetections', () => {
  it('reads a message once although turns of other messages ask in between', () => {
    const inner = countingDetector();
    const safety = rememberDetections(() => inner);
    expect(safety().detect('help xq-7')?.rule).toBe('help');
    expect(safety().detect('plain zr-3')).toBeNull();
    expect(safety().detect('help xq-7')?.rule).toBe('help');
    expect(safety().detect('plain zr-3')).toBeNull();
    expect(inner.readings).toEqual(['help xq-7', 'plain zr-3']);
  });

  it('keeps a bounded number of texts, forgetting the oldest first', () => {
    const inner = countingDetector();
    const safety = rememberDetections(() => inner, 2);
    for (const text of ['a', 'b', 'c', 'a']) safety().detect(text);
    expect(inner.readings).toEqual(['a', 'b', 'c', 'a']);
    safety().detect('c');
    expect(inner.readings).toHaveLength(4);
  });

  it('starts afresh with a rebuilt detector (content reload) and passes the rest through', () => {
    let inner = countingDetector();
    const safety = rememberDetections(() => inner);
    safety().detect('help');
    inner = countingDetector();
    safety().detect('help');
    expect(inner.readings).toEqual(['help']);
    expect(safety().reply('fr', 'medical')).toBe('fr:medical');
    expect(safety().framed?.('zr-3 film')).toBe(true);
  });
});
