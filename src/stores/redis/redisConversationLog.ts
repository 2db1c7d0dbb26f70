import { EventEmitter } from 'node:events';
import type { RedisClient } from './redisConnection.js';
import { activityId, type ActivityPage, type ConversationLog } from '../types.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link ConversationLog}: one list per conversation; appends are announced on a pub/sub channel so a
 * bot reply produced by any instance reaches the WebSocket held by another.
 */
export class RedisConversationLog implements ConversationLog {
  private readonly appendScript: string;
  private readonly eraseScript: string;
  private readonly appendReplyScript: string;
  private readonly events = new EventEmitter().setMaxListeners(0);
  private subscriber: RedisClient | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {
    this.appendScript = defineLuaScript(client, 'appendActivity-2.lua');
    this.eraseScript = defineLuaScript(client, 'eraseActivities-1.lua');
    this.appendReplyScript = defineLuaScript(client, 'appendReply-3.lua');
  }

  async create(conversationId: string): Promise<void> {
    await this.client.set(this.keys.conversationMarker(conversationId), '1', 'EX', this.ttlSeconds);
  }

  async exists(conversationId: string): Promise<boolean> {
    return (await this.client.exists(this.keys.conversationMarker(conversationId))) === 1;
  }

  async append(conversationId: string, activity: Record<string, unknown>): Promise<number> {
    return runLuaScript<number>(
      this.client,
      this.appendScript,
      [this.keys.conversationLog(conversationId), this.keys.conversationMarker(conversationId)],
      [JSON.stringify(activity), this.ttlSeconds, this.keys.conversationEvents(), conversationId],
    );
  }

  async appendReply(conversationId: string, activity: Record<string, unknown>, replyKey: string): Promise<number | undefined> {
    const index = await runLuaScript<number>(
      this.client,
      this.appendReplyScript,
      [this.keys.conversationLog(conversationId), this.keys.conversationMarker(conversationId), this.keys.conversationReply(conversationId, replyKey)],
      [JSON.stringify(activity), this.ttlSeconds, this.keys.conversationEvents(), conversationId],
    );
    return index < 0 ? undefined : index;
  }

  async read(conversationId: string, watermark: number, limit = 100): Promise<ActivityPage> {
    const start = Math.max(0, watermark);
    const items = await this.client.lrange(this.keys.conversationLog(conversationId), start, start + limit - 1);
    return {
      // An erased place holds '' (eraseActivities-1.lua).
      activities: items.flatMap((json, i) =>
        json === '' ? [] : [{ ...(JSON.parse(json) as Record<string, unknown>), id: activityId(conversationId, start + i) }],
      ),
      watermark: start + items.length,
    };
  }

  subscribe(conversationId: string, listener: () => void): () => void {
    this.ensureSubscriber();
    this.events.on(conversationId, listener);
    return () => this.events.off(conversationId, listener);
  }

  async erase(conversationId: string, before: number): Promise<void> {
    await runLuaScript(this.client, this.eraseScript, [this.keys.conversationLog(conversationId)], [before]);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
    if (this.subscriber) await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
  }

  /**
   * One subscriber connection per process, opened on first use. While Redis is down the SUBSCRIBE fails
   * (caught, never a floating promise) and is sent again each time the connection is ready; once it has
   * succeeded, ioredis re-subscribes by itself after a reconnect.
   */
  private ensureSubscriber(): void {
    if (this.subscriber) return;
    const subscriber = this.client.duplicate();
    this.subscriber = subscriber;
    let subscribed = false;
    // Appends announced before the subscription was active (the first stream's welcome) or while
    // reconnecting were missed: have every listener read again once it is (re)established.
    const catchUp = () => {
      for (const conversationId of this.events.eventNames()) this.events.emit(conversationId);
    };
    const subscribe = () => {
      subscriber.subscribe(this.keys.conversationEvents()).then(
        () => {
          subscribed = true;
          catchUp();
        },
        () => {
          // Redis unreachable: the next 'ready' tries again; readiness reports the store's health.
        },
      );
    };
    subscriber.on('error', () => {
      // ioredis reconnects by itself; readiness reports the store's health.
    });
    subscriber.on('message', (_channel: string, conversationId: string) => this.events.emit(conversationId));
    subscriber.on('ready', () => {
      if (!subscribed) subscribe();
      else catchUp();
    });
    subscribe();
  }
}
