import { describe, expect, it } from 'vitest';
import { parseYamlSource } from '../../../src/domain/content/yamlSource.js';

const text = ['# comment', 'entries:', '  - id: a.b', '    title: T', '    answer: |', '      line one', '      line two', '  - id: c.d', ''].join('\n');

describe('parseYamlSource', () => {
  const { source, problems } = parseYamlSource('f.yaml', text);

  it('parses to plain values', () => {
    expect(problems).toEqual([]);
    expect(source?.value).toEqual({ entries: [{ id: 'a.b', title: 'T', answer: 'line one\nline two\n' }, { id: 'c.d' }] });
  });

  it('gives the 1-based line of a value, or of its nearest existing ancestor', () => {
    expect(source?.lineOf(['entries', 0, 'title'])).toBe(4);
    expect(source?.lineOf(['entries', 0, 'answer'])).toBe(5);
    expect(source?.lineOf(['entries', 1])).toBe(8);
    expect(source?.lineOf(['entries', 1, 'answer'])).toBe(8);
    expect(source?.has(['entries', 1, 'answer'])).toBe(false);
    expect(source?.keyLineOf(['entries', 0], 'answer')).toBe(5);
  });

  it('reports a syntax error at its line', () => {
    const result = parseYamlSource('bad.yaml', 'entries:\n  - id: a\n   title: [x\n');
    expect(result.source).toBeUndefined();
    expect(result.problems[0]?.file).toBe('bad.yaml');
    expect(result.problems[0]?.message).toMatch(/^unparsable YAML: /);
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('points an unclosed quote at the line where it opens', () => {
    const result = parseYamlSource('q.yaml', "entries:\n  - id: a.b\n    title: 'open\n    answer: x\n\n");
    expect(result.problems.map((p) => p.line)).toEqual([3]);
  });
});
