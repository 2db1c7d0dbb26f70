import type { Activity, TurnContext } from 'botbuilder';
import { KeyedSerializer } from '../../pipeline/keyedSerializer.js';
import type { AppLogger } from '../../observability/logger.js';
import type { WebChatAdapter } from './webChatAdapter.js';

/** Dependencies of {@link createWebChatTurnRunner}. */
export interface WebChatTurnRunnerDeps {
  readonly adapter: WebChatAdapter;
  readonly bot: { run(context: TurnContext): Promise<void> };
  readonly logger: AppLogger;
}

/**
 * Runs web chat turns in the background, one at a time per conversation and in arrival order
 * (botbuilder saves state with eTag "*", so turns of one conversation must not overlap).
 * Returns the dispatcher given to the Direct Line routes, and a drain for shutdown.
 */
export function createWebChatTurnRunner(deps: WebChatTurnRunnerDeps) {
  const serializer = new KeyedSerializer();
  const inFlight = new Set<Promise<unknown>>();
  return {
    dispatch: async (activity: Record<string, unknown>): Promise<void> => {
      const conversationId = (activity.conversation as { id: string }).id;
      const turn = serializer.run(conversationId, () =>
        deps.adapter.processActivity(activity as Partial<Activity>, (context) => deps.bot.run(context)),
      );
      const tracked = turn.catch((err: Error) => deps.logger.error({ err: { name: err.name, stack: err.stack } }, 'web chat turn failed'));
      inFlight.add(tracked);
      void tracked.finally(() => inFlight.delete(tracked));
    },
    /** Resolves when every turn started so far has finished. */
    drain: async (): Promise<void> => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
