import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redisCluster.js';
import { startRedisServer } from './redisServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the redis-server started for this test run. */
    redisUrl: string;
    /** Seed nodes (`host:port`) of the 3-master Redis Cluster started for this test run. */
    redisClusterNodes: string[];
  }
}

/** Starts one private redis-server and one private 3-master Redis Cluster for the whole run; each test uses its own key prefix. */
export default async function setup(project: TestProject) {
  const [server, cluster] = await Promise.all([startRedisServer(), startRedisCluster()]);
  project.provide('redisUrl', server.url);
  project.provide('redisClusterNodes', [...cluster.nodes]);
  return async () => {
    await Promise.all([server.stop(), cluster.stop()]);
  };
}
