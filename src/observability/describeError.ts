/**
 * An error as it may be logged: its name and stack frames, never its message, which can quote user input
 * (a JSON parse error shows the text it choked on) or personal data from a third-party library.
 */
export function describeError(error: unknown): { name: string; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const frames = error.stack?.split('\n').slice(1).join('\n');
  return frames ? { name: error.name, stack: frames } : { name: error.name };
}
