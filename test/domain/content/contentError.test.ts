import { describe, expect, it } from 'vitest';
import { ContentError, formatProblem } from '../../../src/domain/content/contentError.js';

describe('ContentError', () => {
  it('has one file:line: problem line per problem, keeps them and the cause', () => {
    const cause = new Error('root');
    const error = new ContentError(
      [
        { file: 'locales/fr/faq/avrr.yaml', line: 12, message: 'avrr.cost title: too long' },
        { file: 'locales/catalogue.yaml', line: 3, message: 'avrr.what has no FAQ entry in ar' },
      ],
      { cause },
    );
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ContentError');
    expect(error.cause).toBe(cause);
    expect(error.problems).toHaveLength(2);
    expect(error.message.split('\n')).toEqual([
      'content has 2 problems:',
      'locales/fr/faq/avrr.yaml:12: avrr.cost title: too long',
      'locales/catalogue.yaml:3: avrr.what has no FAQ entry in ar',
    ]);
  });
});

describe('formatProblem', () => {
  it('shows the file through the given display function', () => {
    expect(formatProblem({ file: '/srv/app/locales/x.yaml', line: 4, message: 'bad' }, (f) => f.replace('/srv/app/', ''))).toBe('locales/x.yaml:4: bad');
  });
});
