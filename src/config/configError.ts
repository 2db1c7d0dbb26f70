/**
 * Raised when the environment does not describe a runnable assistant.
 * `problems` holds one human-readable line per bad variable: name, what is wrong, an example.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
