import { z } from 'zod';
import { characterCount, MAX_ANSWER_LENGTH, whatsappFormattingProblems } from '../content/contentSchema.js';

/**
 * Situations the safety detector recognises. `danger` is the general "I am in danger / help" cry;
 * `held` covers being locked in, held, and a passport taken so the person cannot leave.
 */
export const SAFETY_CATEGORIES = ['violence', 'medical', 'held', 'threat', 'self_harm', 'disaster', 'danger'] as const;
/** One of {@link SAFETY_CATEGORIES}. */
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];

/** Largest gap a rule may allow between its words, in words (keeps the rules local to one thought). */
export const MAX_WITHIN = 20;

const listName = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'must be a list name in lower case (letters, digits, _)' });
const nonBlank = z.string().trim().min(1, { error: 'must not be empty' });

/**
 * A word or phrase of a safety list, written as people type it: it is normalised like messages are.
 * `*` at the end of a word matches any ending (`frapp*`), at its start any beginning (`*drbou*`);
 * `...` between words allows up to four other words in between (`veut ... tuer`).
 */
const term = nonBlank.refine((value) => /[\p{L}\p{N}]/u.test(value), { error: 'must contain letters' });

const replyText = nonBlank
  .refine((text) => characterCount(text) <= MAX_ANSWER_LENGTH, {
    error: (issue) => `is ${characterCount(String(issue.input))} characters long, at most ${MAX_ANSWER_LENGTH} for WhatsApp`,
  })
  .superRefine((text, ctx) => {
    for (const { problem, fragment } of whatsappFormattingProblems(text)) {
      ctx.addIssue({ code: 'custom', message: problem, input: text, params: { fragment } });
    }
  });

/** `locales/safety.yaml`: which combinations of word lists mean an emergency (the same for every language). */
export const SafetyRule = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, { error: 'must look like "category.name" (lower case, dot-separated)' }),
  category: z.enum(SAFETY_CATEGORIES, { error: `must be one of ${SAFETY_CATEGORIES.join(', ')}` }),
  /** Lists that must each have a word in the message, all within `within` words of each other. */
  all: z.array(listName, { error: 'must be a list of word-list names' }).min(1, { error: 'must name at least one word list' }),
  /** Largest span, in words, holding one word of every list; default 8. */
  within: z.number().int().min(1).max(MAX_WITHIN).default(8),
  /** Lists that, found anywhere in the message, cancel this rule (past stories, questions about support). */
  unless: z.array(listName, { error: 'must be a list of word-list names' }).default([]),
  /** The rule fires only on messages of at most this many words (a bare "urgence!!"); default no limit. */
  maxWords: z.number().int().min(1).max(50).optional(),
});
/** Parsed rule. */
export type SafetyRule = z.infer<typeof SafetyRule>;

/**
 * A list matched where two others meet, not by words of its own: a word of each of `from`, at most `gap` words
 * between them, is a match of `list` over both ("tue le togo", "ghana killed them": a kill beside a team is sport,
 * whichever team). Read before the rules, so their `unless` and `all` lists see it.
 */
export const DerivedList = z.strictObject({
  list: listName,
  from: z.tuple([listName, listName], { error: 'must name two word lists' }),
  /** Most words allowed between the two matches; default 1. */
  gap: z.number().int().min(0).max(MAX_WITHIN).default(1),
});
/** Parsed derived list. */
export type DerivedList = z.infer<typeof DerivedList>;

/** The whole `locales/safety.yaml`. */
export const SafetyRulesFile = z.strictObject({
  rules: z.array(SafetyRule, { error: 'must be a list of rules' }).min(1, { error: 'must hold at least one rule' }),
  derived: z.array(DerivedList, { error: 'must be a list of derived lists' }).default([]),
});
/** Parsed `locales/safety.yaml`. */
export type SafetyRulesFile = z.infer<typeof SafetyRulesFile>;

/** `locales/<lng>/safety.yaml`: the words of one language, its own phrases, and the emergency reply. */
export const SafetyLanguageFile = z.strictObject({
  /**
   * The emergency reply: `default`, and optionally one per category (what to do now in that situation).
   * `notice` follows every reply: this chat cannot send help, and how to reach the team.
   */
  reply: z.strictObject({
    default: replyText,
    notice: replyText,
    violence: replyText.optional(),
    medical: replyText.optional(),
    held: replyText.optional(),
    threat: replyText.optional(),
    self_harm: replyText.optional(),
    disaster: replyText.optional(),
    danger: replyText.optional(),
  }),
  /** Phrases that mean an emergency on their own, by category. */
  phrases: z.partialRecord(z.enum(SAFETY_CATEGORIES, { error: `must be one of ${SAFETY_CATEGORIES.join(', ')}` }), z.array(term, { error: 'must be a list of phrases' })),
  /** Word lists the rules of `locales/safety.yaml` combine; every list a rule names must be here (it may be empty). */
  words: z.record(listName, z.array(term, { error: 'must be a list of words or phrases' }).nullable().transform((list) => list ?? [])),
  /** Ordinary phrases that only sound alarming ("ça me tue d'attendre"): words inside them trigger nothing. */
  ignore: z.array(term, { error: 'must be a list of phrases' }).default([]),
  /**
   * Words that turn a message to something new ("but", "mais", "walakin"): the words of a story before them
   * (a return question, the past) do not cancel an emergency told after them.
   */
  turn: z.array(term, { error: 'must be a list of words' }).default([]),
  /**
   * Words that set what is told in a film, the news, a dream or years ago ("dans le film", "in 2022"): in the
   * part of the message they are in, and in the parts before it, nothing fires, phrases included.
   */
  frame: z.array(term, { error: 'must be a list of words' }).default([]),
});
/** Parsed `locales/<lng>/safety.yaml`. */
export type SafetyLanguageFile = z.infer<typeof SafetyLanguageFile>;
