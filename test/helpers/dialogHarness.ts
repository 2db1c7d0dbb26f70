import { TestAdapter, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { createAssistantBot, type Assistant } from '../../src/bot/createAssistantBot.js';
import type { AppointmentService } from '../../src/domain/appointments/appointmentService.js';
import type { ContentRepository, FaqEntry } from '../../src/domain/content/faqEntry.js';
import type { MessageUnderstander, Understanding } from '../../src/domain/nlu/understanding.js';
import type { AssistantBotParts } from '../../src/bot/createAssistantBot.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import type { Language } from '../../src/i18n/languages.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';

/** A content repository over a fixed list of entries. */
export function fixedContent(entries: FaqEntry[]): ContentRepository {
  return {
    entry: (id, lang) => entries.find((e) => e.id === id && e.lang === lang),
    entries: (lang) => entries.filter((e) => e.lang === lang),
  };
}

/** An understander answering from a table (text → understanding), defaulting to "don't know" in `fallback`. */
export function tableUnderstander(table: Record<string, Partial<Understanding>>, fallback: Language = 'fr'): MessageUnderstander {
  return {
    understand: (text, context) => ({
      lang: context?.currentLanguage ?? fallback,
      id: null,
      score: 0,
      candidates: [],
      ...table[text],
    }),
  };
}

/** The real bot on a botbuilder TestAdapter, with in-memory state and the shipped UI strings. */
export async function dialogHarness(options: {
  understander: MessageUnderstander;
  content?: ContentRepository;
  recorded?: Array<{ text: string; lang: Language }>;
  appointments?: AppointmentService;
  /** The safety detector, its metrics and hook (none by default: no detection). */
  safety?: Pick<AssistantBotParts, 'safety' | 'metrics' | 'onEmergency'>;
  /** Caseworker handoff (queue, office hours), as createAssistantBot takes it. */
  handoff?: Parameters<typeof createAssistantBot>[0]['handoff'];
}): Promise<{ adapter: TestAdapter; assistant: Assistant; storage: MemoryStateStorage; replies: () => Partial<Activity>[] }> {
  const translator = await createTranslator('locales');
  const storage = new MemoryStateStorage(3600);
  const assistant = createAssistantBot({
    storage,
    translator,
    understander: () => options.understander,
    content: options.content ?? fixedContent([]),
    unanswered: { record: async (e) => void options.recorded?.push({ text: e.text, lang: e.lang }) },
    defaultLanguage: 'fr',
    logger: pino({ level: 'silent' }),
    appointments: options.appointments,
    ...options.safety,
    handoff: options.handoff,
  });
  const adapter = new TestAdapter(async (context) => assistant.bot.run(context));
  adapter.onTurnError = assistant.onTurnError;
  return { adapter, assistant, storage, replies: () => adapter.activeQueue };
}

/** Button values of an activity's suggested actions. */
export function buttonValues(activity: Partial<Activity>): string[] {
  return (activity.suggestedActions?.actions ?? []).map((a) => String(a.value));
}
