import { z } from 'zod';

/** What a Direct Line client may post: a message (or typing/event), validated before it is stored. */
export const PostedActivity = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(5000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  name: z.string().max(200).optional(),
  value: z.unknown().optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional(), role: z.string().max(20).optional() }).partial().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.object({ contentType: z.string().max(200), contentUrl: z.string().max(2000).optional(), name: z.string().max(300).optional() })).max(10).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
});

/** A validated posted activity. */
export type PostedActivity = z.infer<typeof PostedActivity>;

/** The user id used for a web chat conversation: bound to the conversation, never taken from the client. */
export function webChatUserId(conversationId: string): string {
  return `dl-${conversationId}`;
}
