import { pathToFileURL } from 'node:url';

/**
 * Runs a CLI's `main` when its module is the script node was started with (not when a test imports it),
 * and turns the result into the exit code: the returned number, or 1 with a one-line message on error.
 * `exitWhenDone` ends the process even if a connection (e.g. Redis) is still open.
 */
export function runIfMain(moduleUrl: string, main: (args: string[]) => Promise<number>, options: { exitWhenDone?: boolean } = {}): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      if (options.exitWhenDone) process.exit(code);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      process.exit(1);
    },
  );
}
