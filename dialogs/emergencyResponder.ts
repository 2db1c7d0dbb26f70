import type { TurnContext } from 'botbuilder';
import type { SafetyDetector } from '../src/domain/safety/safetyDetector.js';
import type { Translator } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import type { AppLogger } from '../src/observability/logger.js';
import type { AppMetrics } from '../src/observability/metrics.js';
import { SAFETY_DETECTION, type EmergencyDetection } from './emergencyTurn.js';
import { reply } from './replyBuilder.js';
import { nextTurnRecordKey } from './turnRecordKey.js';

/** How many recently counted messages are remembered, so a retried turn is not counted twice. */
const COUNTED_REMEMBERED = 1000;

/** Dependencies of {@link EmergencyResponder}; all but the translator and logger are optional. */
export interface EmergencyResponderDeps {
  readonly translator: Translator;
  readonly logger: Pick<AppLogger, 'warn' | 'error'>;
  /** The current safety detector, whose content holds the replies; without it the `flows.emergency` string is sent. */
  readonly safety?: () => SafetyDetector;
  /** Where firings are counted (`tdu_safety_detections_total`). */
  readonly metrics?: Pick<AppMetrics, 'safetyDetections'>;
  /**
   * Called after the emergency reply was sent (the handoff queue opens an urgent ticket here). A failure
   * is logged and does not undo the reply.
   */
  readonly onEmergency?: (context: TurnContext, detection: EmergencyDetection) => Promise<void>;
}

/**
 * Answers an emergency before anything else: counts it, sends the situation's reply from the safety
 * content in the user's language (what to do now, and that this chat cannot send help), then calls the
 * `onEmergency` hook. Logs the category and rule only, never the message.
 */
export class EmergencyResponder {
  /** Turn record keys of the firings counted lately, oldest first. */
  private readonly counted = new Set<string>();

  constructor(private readonly deps: EmergencyResponderDeps) {}

  async respond(context: TurnContext, lang: Language, detection: EmergencyDetection): Promise<void> {
    const { category, rule, source } = detection;
    context.turnState.set(SAFETY_DETECTION, detection);
    // Once per inbound message: a turn retried in this process (after a failure) is not counted again. A crashed
    // process's counts are gone with it, so a re-run elsewhere counts the firing once there.
    if (this.firstCount(nextTurnRecordKey(context, 'safety'))) this.deps.metrics?.safetyDetections.inc({ category, source });
    this.deps.logger.warn({ event: 'safety.emergency', category, rule, source, lang }, 'emergency recognised, emergency reply sent first');
    const t = this.deps.translator.forLanguage(lang);
    const text = this.deps.safety?.().reply(lang, category) || t('flows.emergency');
    await context.sendActivity(reply(lang, text, [{ title: t('menu.human'), value: 'intent.human' }]));
    try {
      await this.deps.onEmergency?.(context, detection);
    } catch (err) {
      this.deps.logger.error({ event: 'safety.hook_failed', category, err: { name: (err as Error).name } }, 'the emergency hook failed');
    }
  }

  /** True unless this turn record key was counted lately (no key: always true). */
  private firstCount(key: string | undefined): boolean {
    if (key === undefined) return true;
    if (this.counted.has(key)) return false;
    this.counted.add(key);
    if (this.counted.size > COUNTED_REMEMBERED) this.counted.delete(this.counted.values().next().value!);
    return true;
  }
}
