import type { RedisClient } from './redisConnection.js';
import { assertSameShape, type WhatsAppUserMove, type WhatsAppUserRecords } from '../whatsappUserMove.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link WhatsAppUserMove}: one Lua script (moveWhatsAppUser-8.lua) renames the user's two state items,
 * contact record and menu, so a turn never sees half a move. It needs a single Redis node (see the script).
 */
export class RedisWhatsAppUserMove implements WhatsAppUserMove {
  private readonly script: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.script = defineLuaScript(client, 'moveWhatsAppUser-8.lua');
  }

  async move(from: WhatsAppUserRecords, to: WhatsAppUserRecords): Promise<void> {
    assertSameShape(from, to);
    if (from.stateKeys.length !== 2) throw new Error(`RedisWhatsAppUserMove moves exactly 2 state items, got ${from.stateKeys.length}`);
    const k = this.keys;
    const pairs: Array<[string, string]> = [
      [k.state(from.stateKeys[0]!), k.state(to.stateKeys[0]!)],
      [k.state(from.stateKeys[1]!), k.state(to.stateKeys[1]!)],
      [k.whatsappContact(from.waId), k.whatsappContact(to.waId)],
      [k.whatsappMenu(from.waId), k.whatsappMenu(to.waId)],
    ];
    await runLuaScript(this.client, this.script, pairs.flat(), []);
  }
}
