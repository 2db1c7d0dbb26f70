import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/observability/describeError.js';

describe('describeError', () => {
  it('keeps the name and stack frames but never the message', () => {
    let error: unknown;
    try {
      JSON.parse('{"text": "je m\'appelle Awa, +212612345678"');
    } catch (err) {
      error = err;
    }
    const described = describeError(error);
    expect(described.name).toBe('SyntaxError');
    expect(described.stack).toContain('at ');
    expect(JSON.stringify(described)).not.toMatch(/Awa|612345678/);
  });

  it('describes a thrown non-error by its type', () => {
    expect(describeError('oops')).toEqual({ name: 'string' });
  });
});
