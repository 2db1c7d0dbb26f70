/**
 * What the Redis inbound queue stores as JSON (queued messages and dead letters) and how it reads it back.
 */
import { z } from 'zod';
import { DEAD_LETTER_REASONS, type InboundMessage } from '../types.js';

/** Stored queue data that does not have the expected shape (written by another version, or edited by hand). */
export class InboundQueueDataError extends Error {
  constructor(
    readonly messageId: string,
    options?: { cause?: unknown },
  ) {
    super(`Inbound queue entry "${messageId}" is not in the expected format`, options);
    this.name = 'InboundQueueDataError';
  }
}

/** A queued message as the Redis inbound queue stores it (JSON). */
export const InboundMessageSchema = z.object({
  id: z.string(),
  conversationKey: z.string(),
  channel: z.string(),
  payload: z.string(),
});

/** A dead letter as the Redis inbound queue stores it (JSON). */
export const DeadLetterSchema = z.object({
  id: z.string(),
  message: InboundMessageSchema,
  reason: z.enum(DEAD_LETTER_REASONS),
  error: z.string().optional(),
  deliveries: z.number().int(),
  deadAt: z.number(),
});

/** Only the message's own fields, whatever object the caller passed. */
export function toPlain(message: InboundMessage): InboundMessage {
  return { id: message.id, conversationKey: message.conversationKey, channel: message.channel, payload: message.payload };
}

/** The parsed JSON, or undefined when it is not JSON. */
export function safeJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

/** `json` parsed and checked by `schema`; an {@link InboundQueueDataError} naming `id` when it is not that. */
export function parseJson<T>(schema: z.ZodType<T>, json: string, id: string): T {
  try {
    return schema.parse(JSON.parse(json));
  } catch (cause) {
    throw new InboundQueueDataError(id, { cause });
  }
}
