import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisServer } from './redisServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the redis-server started for this test run. */
    redisUrl: string;
  }
}

/** Starts one private redis-server for the whole run; each test uses its own key prefix. */
export default async function setup(project: TestProject) {
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return async () => server.stop();
}
