// Entry of an instance and of its turn worker threads: reads the config, then runs the part this thread is.
// Each part is imported only where it runs, so a turn worker thread never loads the HTTP side and (with
// WORKERS > 1) the main thread never loads the bot (src/app/).
import { loadConfig, type Config } from './config/config.js';
import { ConfigError } from './config/configError.js';
import { readEnvironment } from './config/readEnvironment.js';
import { v8MemoryFlags } from './config/v8MemoryFlags.js';
import { turnThreadPort } from './pipeline/turnThreadPort.js';
import { setFlagsFromString } from 'node:v8';

function readConfig(): Config {
  try {
    return loadConfig(readEnvironment());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const thread = turnThreadPort();
  // Before the app loads (and before the instance starts its threads): heap sizing for memory (v8MemoryFlags.ts).
  if (!thread) for (const flag of v8MemoryFlags(config)) setFlagsFromString(flag);
  if (thread) await (await import('./app/runTurnThread.js')).runTurnThread(config, thread);
  else await (await import('./app/runInstance.js')).runInstance(config, { entry: process.argv[1]! });
}

main().catch((err: Error) => {
  process.stderr.write(`Trait d'Union could not start: ${err.name}: ${err.message}\n`);
  process.exit(1);
});
