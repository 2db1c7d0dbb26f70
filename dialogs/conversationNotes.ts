import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Language } from '../src/i18n/languages.js';
import { MAX_KEPT_MEDIA, type ConversationMemory } from './userProfile.js';

/** How many answered topics a conversation keeps for the caseworker's summary. */
const KEPT_TOPICS = 10;
/** Longest question kept behind a "did you mean…", in characters. */
const PENDING_QUESTION_CHARS = 500;

/**
 * What the root dialog notes about a conversation between turns (its {@link ConversationMemory}): topics
 * answered, media references, the question behind a "did you mean…", and how many messages in a row were not
 * understood. Each note is one read and one write of the turn's state (saved with it at the end of the turn).
 */
export class ConversationNotes {
  constructor(private readonly memory: StatePropertyAccessor<ConversationMemory>) {}

  /** Counts one more message not understood in a row and returns the count. */
  async countUnsure(context: TurnContext): Promise<number> {
    const memory = await this.memory.get(context, {});
    const count = (memory.unsureInARow ?? 0) + 1;
    await this.memory.set(context, { ...memory, unsureInARow: count });
    return count;
  }

  /** A message was understood (or the user is with a person): the count of misunderstandings starts again. */
  async resetUnsure(context: TurnContext): Promise<void> {
    const memory = await this.memory.get(context, {});
    if (memory.unsureInARow) await this.memory.set(context, { ...memory, unsureInARow: 0 });
  }

  /** Keeps the last topics answered, newest last, without repeats. */
  async rememberTopic(context: TurnContext, title: string): Promise<void> {
    const memory = await this.memory.get(context, {});
    const topics = [...(memory.topics ?? []).filter((x) => x !== title), title].slice(-KEPT_TOPICS);
    await this.memory.set(context, { ...memory, topics });
  }

  /** The topics answered so far (the summary of a handoff ticket). */
  async topics(context: TurnContext): Promise<string[]> {
    return (await this.memory.get(context, {})).topics ?? [];
  }

  /** Remembers the channel's media id (never the content) so a caseworker can open it later. */
  async keepMedia(context: TurnContext, kind: string, mediaId: string): Promise<void> {
    const memory = await this.memory.get(context, {});
    const media = [...(memory.media ?? []), { kind, mediaId, at: Date.now() }].slice(-MAX_KEPT_MEDIA);
    await this.memory.set(context, { ...memory, media });
  }

  /** Keeps the question behind a "did you mean…", to record it as unanswered if none of the offers fits. */
  async keepPendingQuestion(context: TurnContext, text: string, lang: Language): Promise<void> {
    const memory = await this.memory.get(context, {});
    await this.memory.set(context, { ...memory, pendingQuestion: { text: text.slice(0, PENDING_QUESTION_CHARS), lang } });
  }

  /** Takes (returns and forgets) the question behind the last "did you mean…". */
  async takePendingQuestion(context: TurnContext): Promise<{ text: string; lang: Language } | undefined> {
    const memory = await this.memory.get(context, {});
    await this.memory.set(context, { ...memory, pendingQuestion: undefined });
    return memory.pendingQuestion;
  }
}
