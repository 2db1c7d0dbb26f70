// The bot and what only turns need: the understander (its model trained once per content version by the
// instance), the safety detector and the dialogs. Built where turns run: each turn worker thread, or the
// instance's one thread with WORKERS=1.
import type { TurnContext } from 'botbuilder';
import { createAssistantBot, type Assistant } from '../bot/createAssistantBot.js';
import type { HandoffTicket } from '../domain/handoff/handoffTicket.js';
import type { ModelTrainer } from '../domain/nlu/modelTrainer.js';
import { liveUnderstander, type ModelRequest } from '../domain/nlu/sharedModel.js';
import type { SafetyModelRequest } from '../domain/safety/safetyModelRequest.js';
import { liveSafetyDetector } from '../domain/safety/sharedSafetyModel.js';
import { understanderOptions, type InstanceCore } from './instanceCore.js';

/** Where the model comes from, and what the bot calls outside itself. */
export interface AssistantDeps {
  /** The instance's trainer (its main thread trains); or, in a turn worker thread, a request to the instance for it. */
  readonly model: { readonly trainer: ModelTrainer } | { readonly request: ModelRequest };
  /** A request for the safety detector's learned layer (to the instance from a turn thread, to its trainer with WORKERS=1); without it, trained here. */
  readonly safetyModel?: SafetyModelRequest;
  /** Erases what the channels keep about the user of `context` ("delete my data"). */
  readonly eraseChannelData: (context: TurnContext) => Promise<void>;
  /** Sends a ticket's held replies (built with the channels' messenger). */
  readonly deliverHeld: (ticket: HandoffTicket) => Promise<number>;
}

/** Builds the understander, the safety detector and the bot on `core`. */
export async function buildAssistant(core: InstanceCore, deps: AssistantDeps): Promise<Assistant> {
  const { config, content, logger } = core;
  // The supervised model is trained from the content at start-up and on every hot reload, once per content version.
  const options = understanderOptions(config);
  const matcher = await liveUnderstander({ content, options, logger, ...deps.model });
  // The safety detector's rules are built here; its learned layer comes from the instance in a thread (sharedSafetyModel.ts).
  const safety = await liveSafetyDetector({ content, logger, ...(deps.safetyModel ? { request: deps.safetyModel } : {}) });
  return createAssistantBot({
    storage: core.state,
    translator: core.translator,
    understander: matcher,
    safety,
    metrics: core.metrics,
    content: content.repository,
    unanswered: core.unanswered,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    logger,
    appointments: core.appointments.service,
    handoff: core.handoffQueue && { queue: core.handoffQueue, officeHours: core.officeHours, deliverHeld: deps.deliverHeld },
    eraseChannelData: deps.eraseChannelData,
  });
}
