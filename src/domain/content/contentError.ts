/** One problem in the content files, located at a file and a 1-based line. */
export interface ContentProblem {
  /** Path of the file, as given to the loader (joined with its `localesDir`). */
  readonly file: string;
  /** 1-based line of the offending entry or field (1 when the whole file is at fault). */
  readonly line: number;
  /** What is wrong, naming ids and fields, never user data. */
  readonly message: string;
}

/** Formats a problem as `file:line: problem`, the shape editors and CI logs link to. */
export function formatProblem(problem: ContentProblem, displayFile: (file: string) => string = (file) => file): string {
  return `${displayFile(problem.file)}:${problem.line}: ${problem.message}`;
}

/**
 * Thrown when content cannot be used (at start-up). The message has one `file:line: problem`
 * line per problem; `problems` keeps them structured.
 */
export class ContentError extends Error {
  /** Every problem found, in file order. */
  readonly problems: readonly ContentProblem[];

  constructor(problems: readonly ContentProblem[], options?: { cause?: unknown }) {
    super(
      [`content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`, ...problems.map((p) => formatProblem(p))].join('\n'),
      options,
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}
