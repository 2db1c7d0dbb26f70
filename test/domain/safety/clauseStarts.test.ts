import { describe, expect, it } from 'vitest';
import { clauseStarts } from '../../../src/domain/safety/clauseStarts.js';
import { safetyTokens } from '../../../src/domain/safety/termPattern.js';

describe('clauseStarts', () => {
  it('gives the first word of every clause, after commas, full stops and Arabic marks', () => {
    const text = "i'm ok now, what help do you give. thanks";
    // "i'm" is read as two words ("i am"): the clauses start at words 0, 4 and 9.
    expect([...clauseStarts(text, safetyTokens(text).length)!]).toEqual([0, 4, 9]);
    const arabic = 'أنا بخير الآن، واش كاين شي مساعدة؟';
    expect(clauseStarts(arabic, safetyTokens(arabic).length)!.has(3)).toBe(true);
  });

  it('gives nothing when the clauses do not add up to the message (a count that is not the message\'s)', () => {
    expect(clauseStarts('one, two', 5)).toBeUndefined();
  });
});
