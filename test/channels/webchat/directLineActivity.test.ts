import { describe, expect, it } from 'vitest';
import { parseWatermark } from '../../../src/channels/webchat/directLineActivity.js';

describe('parseWatermark', () => {
  it('reads a client watermark as a log position', () => {
    expect(parseWatermark('12')).toBe(12);
    expect(parseWatermark(undefined)).toBe(0);
    expect(parseWatermark(null)).toBe(0);
  });

  it('turns unreadable or negative values into 0', () => {
    for (const value of ['', 'abc', '-5', 'NaN', '   ']) expect(parseWatermark(value), value).toBe(0);
  });

  it('caps absurd values, which Redis would refuse as a list index (the fuzz test found a 500)', () => {
    expect(parseWatermark('9999999999999999999')).toBe(2 ** 31 - 1);
    expect(parseWatermark('1e308')).toBe(1);
  });
});
