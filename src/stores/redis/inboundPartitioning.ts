import { createHash } from 'node:crypto';

/** Partitions of the inbound queue on a Redis Cluster when INBOUND_PARTITIONS is not set. */
export const DEFAULT_CLUSTER_INBOUND_PARTITIONS = 16;

/**
 * The inbound queue partition of a conversation: a stable hash (the first 32 bits of its MD5) modulo `count`,
 * the same in every process and version, so all of a conversation's messages meet in one partition, where one
 * script keeps their order and their de-duplication.
 */
export function inboundPartitionOf(conversationKey: string, count: number): number {
  if (count <= 1) return 0;
  return createHash('md5').update(conversationKey).digest().readUInt32BE(0) % count;
}
