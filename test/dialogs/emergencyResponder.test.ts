import type { Activity, TurnContext } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmergencyResponder } from '../../dialogs/emergencyResponder.js';
import { emergencyOf, type EmergencyDetection } from '../../dialogs/emergencyTurn.js';
import { loadContent } from '../../src/domain/content/contentLoader.js';
import type { FaqEntry } from '../../src/domain/content/faqEntry.js';
import { buildSafetyDetector } from '../../src/domain/safety/learnedSafetyLayer.js';
import { createSafetyDetector, type SafetyDetector } from '../../src/domain/safety/safetyDetector.js';
import { createMetrics, type AppMetrics } from '../../src/observability/metrics.js';
import { buttonValues, dialogHarness, fixedContent, tableUnderstander } from '../helpers/dialogHarness.js';

let detector: SafetyDetector;
let withLearned: SafetyDetector;
beforeAll(() => {
  const { snapshot, errors } = loadContent('locales');
  expect(errors).toEqual([]);
  detector = createSafetyDetector(snapshot!.safety);
  withLearned = buildSafetyDetector(snapshot!);
});

const documents = (lang: 'fr' | 'en' | 'ar'): FaqEntry => ({ id: 'avrr.documents', lang, title: 'docs', examples: ['x'], answer: `documents-${lang}`, followUps: [] });
const content = fixedContent([documents('fr'), documents('en'), documents('ar')]);

const LOCKED_IN = "on m'a enfermé et mon patron a pris mon passeport";
const NOT_BREATHING = 'صاحبي طاح وما كيتنفسش';
// The matcher alone would answer these with an FAQ entry: the detector must win.
const understander = tableUnderstander({
  [LOCKED_IN]: { id: 'avrr.documents', lang: 'fr', score: 0.9 },
  [NOT_BREATHING]: { id: 'avrr.documents', lang: 'ar', score: 0.9 },
  'mes papiers ?': { id: 'avrr.documents', lang: 'fr', score: 0.9 },
  'supprimez mes données': { id: 'intent.delete_data', lang: 'fr', score: 0.9 },
  "j'ai un gros souci": { id: 'intent.emergency', lang: 'fr', score: 0.9 },
});

async function talk(turns: Array<string | Partial<Activity>>, options: { metrics?: AppMetrics; onEmergency?: (context: TurnContext, d: EmergencyDetection) => Promise<void> } = {}) {
  const { adapter } = await dialogHarness({ understander, content, safety: { safety: () => detector, ...options } });
  const out: Partial<Activity>[][] = [];
  for (const turn of turns) {
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(turn);
    out.push(adapter.activeQueue.splice(before));
  }
  return out;
}

async function count(metrics: AppMetrics, labels: Record<string, string>): Promise<number> {
  const { values } = await metrics.safetyDetections.get();
  return values.find((v) => Object.entries(labels).every(([k, value]) => (v.labels as Record<string, unknown>)[k] === value))?.value ?? 0;
}

describe('EmergencyResponder (through the bot)', () => {
  it('answers an emergency with the safety reply, not the FAQ entry the matcher found, before any welcome', async () => {
    const [replies] = await talk([LOCKED_IN]);
    expect(replies).toHaveLength(1);
    expect(replies?.[0]?.text).toBe(detector.reply('fr', 'held'));
    expect(replies?.[0]?.text).not.toContain('documents-fr');
    expect(replies?.[0]?.text).toContain('Ce chat ne peut pas envoyer');
    expect(replies?.[0]?.locale).toBe('fr');
    expect(buttonValues(replies![0]!)).toEqual(['intent.human']);
  });

  it('answers in the language of the message (Darija gets Arabic); the welcome it held back comes next time', async () => {
    const [first, second] = await talk([NOT_BREATHING, 'mes papiers ?']);
    expect(first).toHaveLength(1);
    expect(first?.[0]?.text).toBe(detector.reply('ar', 'medical'));
    expect(first?.[0]?.locale).toBe('ar');
    expect(second?.map((a) => a.text)).toEqual([expect.stringContaining('supprimer mes données'), 'documents-fr']);
  });

  it('ends a running flow: the emergency wins over the flow waiting for an answer', async () => {
    const [, confirm, emergency] = await talk(['bonjour', 'supprimez mes données', LOCKED_IN]);
    expect(buttonValues(confirm![confirm!.length - 1]!)).toContain('yes');
    expect(emergency).toHaveLength(1);
    expect(emergency?.[0]?.text).toBe(detector.reply('fr', 'held'));
  });

  it('counts a firing once when its turn is re-run (same inbound message id)', async () => {
    const metrics = createMetrics();
    const turn = { type: 'message', text: LOCKED_IN, id: 'same-message' };
    const [first, again] = await talk([turn, turn, { ...turn, id: 'next-message' }], { metrics });
    expect(first?.[0]?.text).toBe(again?.[0]?.text);
    expect(await count(metrics, { category: 'held', source: 'detector' })).toBe(2);
  });

  it('counts every firing by category and source in /metrics, the emergency button included', async () => {
    const metrics = createMetrics();
    const [, , unsure, tapped] = await talk([LOCKED_IN, NOT_BREATHING, "j'ai un gros souci", 'intent.emergency'], { metrics });
    // The matcher's emergency intent alone is not acted on: it is offered first, one tap away.
    expect(buttonValues(unsure![unsure!.length - 1]!)[0]).toBe('intent.emergency');
    expect(tapped?.[0]?.text).toBe(detector.reply('fr', 'danger'));
    expect(await count(metrics, { category: 'held', source: 'detector' })).toBe(1);
    expect(await count(metrics, { category: 'medical', source: 'detector' })).toBe(1);
    // The detector stays silent on this one; the tapped emergency button still counts.
    expect(detector.detect("j'ai un gros souci")).toBeNull();
    expect(await count(metrics, { category: 'danger', source: 'matcher' })).toBe(1);
    const total = (await metrics.safetyDetections.get()).values.reduce((sum, v) => sum + v.value, 0);
    expect(total).toBe(3);
    const exposition = await metrics.registry.metrics();
    expect(exposition).toMatch(/tdu_safety_detections_total\{category="held",source="detector"\} 1/);
    expect(exposition).not.toContain('passeport');
  });

  it('counts a firing of the learned layer (the rules silent) with source "learned"', async () => {
    const metrics = createMetrics();
    // One the rules miss (since safety13 they read the fallen garage roof this test used before).
    const text = 'the dinghy is full of holes and the sea is very big';
    expect(detector.detect(text)).toBeNull();
    const { adapter } = await dialogHarness({ understander, content, safety: { safety: () => withLearned, metrics } });
    await adapter.receiveActivity(text);
    expect(adapter.activeQueue[0]?.text).toBe(withLearned.reply('en', 'disaster'));
    expect(await count(metrics, { category: 'disaster', source: 'learned' })).toBe(1);
    expect(await metrics.registry.metrics()).toMatch(/tdu_safety_detections_total\{category="disaster",source="learned"\} 1/);
  });

  it('calls the onEmergency hook after the reply, with the detection on the turn and no text in it', async () => {
    const seen: Array<{ detection: EmergencyDetection; onTurn: EmergencyDetection | undefined; repliesSoFar: number }> = [];
    const { adapter } = await dialogHarness({
      understander,
      content,
      safety: {
        safety: () => detector,
        onEmergency: async (context, detection) => {
          seen.push({ detection, onTurn: emergencyOf(context), repliesSoFar: adapter.activeQueue.length });
        },
      },
    });
    await adapter.receiveActivity(LOCKED_IN);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.detection).toMatchObject({ category: 'held', source: 'detector' });
    expect(seen[0]?.onTurn).toBe(seen[0]?.detection);
    expect(seen[0]?.repliesSoFar).toBe(1);
    expect(JSON.stringify(seen[0]?.detection)).not.toMatch(/patron|passeport/);
  });

  it('still sends the reply when the hook fails', async () => {
    const [replies] = await talk([LOCKED_IN], { onEmergency: async () => Promise.reject(new Error('queue down')) });
    expect(replies?.[0]?.text).toBe(detector.reply('fr', 'held'));
  });

  it('leaves ordinary messages to the matcher', async () => {
    const [, answer] = await talk(['bonjour', 'mes papiers ?']);
    expect(answer?.[0]?.text).toBe('documents-fr');
  });
});

describe('EmergencyResponder', () => {
  it('logs the category, rule, source and language, never the message', async () => {
    const { TestAdapter } = await import('botbuilder');
    const { createTranslator } = await import('../../src/i18n/i18n.js');
    const logged: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => void logged.push(args), error: (...args: unknown[]) => void logged.push(args) };
    const responder = new EmergencyResponder({ translator: await createTranslator('locales'), logger: logger as never, safety: () => detector });
    const adapter = new TestAdapter(async (context) => {
      await responder.respond(context, 'fr', { category: 'held', rule: 'held.passport', matches: [], source: 'detector' });
    });
    await adapter.receiveActivity(LOCKED_IN);
    expect(logged).toEqual([[{ event: 'safety.emergency', category: 'held', rule: 'held.passport', source: 'detector', lang: 'fr' }, expect.any(String)]]);
    expect(JSON.stringify(logged)).not.toMatch(/patron|passeport/);
  });
});
