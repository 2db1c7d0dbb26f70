import { EventEmitter } from 'node:events';
import { activityId, type ActivityPage, type ConversationLog } from '../types.js';

/** What an erased activity's place holds (never valid activity JSON). */
const ERASED = '';

interface Conversation {
  activities: string[];
  /** Keys of the bot replies appended, for {@link MemoryConversationLog.appendReply}. */
  replies?: Set<string>;
  expiresAt: number;
}

/** In-memory {@link ConversationLog} for the embedded mode. */
export class MemoryConversationLog implements ConversationLog {
  private readonly conversations = new Map<string, Conversation>();
  private readonly events = new EventEmitter().setMaxListeners(0);
  private readonly sweeper: NodeJS.Timeout;

  /**
   * @param ttlSeconds idle lifetime of a conversation.
   * @param sweepIntervalMs how often expired conversations are dropped from memory, default 60 000
   *   (without it, conversations nobody reads again would stay until the process ends).
   */
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
    sweepIntervalMs = 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs).unref();
  }

  /** Conversations held in memory, expired ones not yet swept included. */
  get size(): number {
    return this.conversations.size;
  }

  /** Drops every expired conversation now. */
  sweep(): void {
    const now = this.now();
    for (const [id, conversation] of this.conversations) if (conversation.expiresAt <= now) this.conversations.delete(id);
  }

  async create(conversationId: string): Promise<void> {
    if (!this.live(conversationId)) this.conversations.set(conversationId, { activities: [], expiresAt: this.expiry() });
  }

  async exists(conversationId: string): Promise<boolean> {
    return this.live(conversationId) !== undefined;
  }

  async append(conversationId: string, activity: Record<string, unknown>): Promise<number> {
    const conversation = this.live(conversationId) ?? { activities: [], expiresAt: 0 };
    conversation.activities.push(JSON.stringify(activity));
    conversation.expiresAt = this.expiry();
    this.conversations.set(conversationId, conversation);
    this.events.emit(conversationId);
    return conversation.activities.length - 1;
  }

  async appendReply(conversationId: string, activity: Record<string, unknown>, replyKey: string): Promise<number | undefined> {
    if (this.live(conversationId)?.replies?.has(replyKey)) return undefined;
    const index = await this.append(conversationId, activity);
    const conversation = this.conversations.get(conversationId)!;
    (conversation.replies ??= new Set()).add(replyKey);
    return index;
  }

  async read(conversationId: string, watermark: number, limit = 100): Promise<ActivityPage> {
    const all = this.live(conversationId)?.activities ?? [];
    const start = Math.max(0, Math.min(watermark, all.length));
    const slice = all.slice(start, start + limit);
    return {
      activities: slice.flatMap((json, i) =>
        json === ERASED ? [] : [{ ...(JSON.parse(json) as Record<string, unknown>), id: activityId(conversationId, start + i) }],
      ),
      watermark: start + slice.length,
    };
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    this.events.on(conversationId, listener);
    return () => this.events.off(conversationId, listener);
  }

  async erase(conversationId: string, before: number): Promise<void> {
    const activities = this.live(conversationId)?.activities ?? [];
    for (let i = 0; i < Math.min(before, activities.length); i++) activities[i] = ERASED;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.events.removeAllListeners();
  }

  private expiry(): number {
    return this.now() + this.ttlSeconds * 1000;
  }

  private live(conversationId: string): Conversation | undefined {
    const conversation = this.conversations.get(conversationId);
    if (conversation && conversation.expiresAt <= this.now()) {
      this.conversations.delete(conversationId);
      return undefined;
    }
    return conversation;
  }
}
