import { describe, expect, it } from 'vitest';
import { DIALOG_STATE_MANAGER_CONFIGURATION } from '../../src/bot/assistantBot.js';
import { dialogHarness, tableUnderstander } from '../helpers/dialogHarness.js';

describe('AssistantBot', () => {
  it("builds botbuilder-dialogs' state manager configuration once and hands it to every later turn", async () => {
    const { adapter, replies } = await dialogHarness({ understander: tableUnderstander({}) });
    const seen: unknown[] = [];
    adapter.use(async (context, next) => {
      await next();
      seen.push(context.turnState.get(DIALOG_STATE_MANAGER_CONFIGURATION));
    });
    for (const text of ['bonjour', 'une question', 'encore une']) await adapter.receiveActivity(text);
    expect(seen).toHaveLength(3);
    expect(seen[0]).toMatchObject({ memoryScopes: expect.any(Array), pathResolvers: expect.any(Array) });
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[0]);
    // Every turn still answered.
    expect(replies().length).toBeGreaterThanOrEqual(3);
  });
});
