import { z } from 'zod';

/** Longest FAQ answer, in characters (code points): fits a WhatsApp message comfortably. */
export const MAX_ANSWER_LENGTH = 700;
/** Longest FAQ title, in characters (code points): the WhatsApp list-row title limit. */
export const MAX_TITLE_LENGTH = 24;
/** Fewest example phrasings per FAQ entry or intent; fewer cannot teach the matcher a topic. */
export const MIN_EXAMPLES = 3;
/** Intents an answer may offer as a follow-up button. */
export const FOLLOW_UP_INTENTS = ['intent.book', 'intent.human', 'intent.cancel'] as const;
/** Special id in `intents.yaml` for off-topic examples that must get "I don't know". */
export const OUT_OF_SCOPE_ID = 'out_of_scope';

/** Length in user-visible characters (code points), so Arabic and emoji count as people see them. */
export function characterCount(text: string): number {
  return [...text].length;
}

/**
 * Formatting WhatsApp shows literally (it knows only `*bold*`, `_italic_`, `~strike~` and line breaks):
 * each rule names what the author should write instead.
 */
export const WHATSAPP_FORMATTING_RULES = [
  { pattern: /\*\*/u, problem: 'uses **double asterisks**: WhatsApp bold is *single*' },
  { pattern: /^\s{0,3}#{1,6}\s/mu, problem: 'uses a Markdown heading (#), which WhatsApp shows as is: use a *bold* line' },
  { pattern: /\[[^\]\n]+\]\([^)\n]+\)/u, problem: 'uses a Markdown link [text](url), which WhatsApp shows as is' },
  { pattern: /<\/?[a-z][a-z0-9]*(?:\s[^>]*)?>/iu, problem: 'uses HTML tags, which WhatsApp shows as is' },
] as const satisfies readonly { pattern: RegExp; problem: string }[];

/** One formatting problem of an answer, with the text at fault. */
export interface FormattingProblem {
  readonly problem: string;
  /** The offending text, as written in the answer. */
  readonly fragment: string;
}

/** What is wrong with `answer` as a WhatsApp message (length aside); empty when it is ready to send. */
export function whatsappFormattingProblems(answer: string): FormattingProblem[] {
  const problems: FormattingProblem[] = WHATSAPP_FORMATTING_RULES.flatMap(({ pattern, problem }) => {
    const found = pattern.exec(answer);
    return found ? [{ problem, fragment: lineAround(answer, found.index) }] : [];
  });
  const stars = [...answer.matchAll(/\*/g)];
  if (!problems.length && stars.length % 2 === 1) {
    problems.push({ problem: 'has an odd number of *: a *bold* part is not closed', fragment: lineAround(answer, stars.at(-1)?.index ?? 0) });
  }
  return problems;
}

/** The whole line of `text` around `index`: what an editor shows, so it can be found in the file. */
function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end);
}

const idPattern = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** A catalogue id such as `avrr.cost` or `intent.book` (lower case, dot-separated). */
export const TopicId = z.string().regex(idPattern, { error: 'must look like "group.name" (lower case, dot-separated)' });

/** `locales/catalogue.yaml`: every FAQ and intent id with its description. */
export const CatalogueFile = z.strictObject({
  faq: z.record(TopicId, z.string()),
  intent: z.record(TopicId, z.string()),
});
/** Parsed `locales/catalogue.yaml`. */
export type CatalogueFile = z.infer<typeof CatalogueFile>;

const nonBlank = z.string().trim().min(1, { error: 'must not be empty' });

const examplesField = z
  .array(nonBlank, { error: 'must be a list of phrasings' })
  .min(MIN_EXAMPLES, {
    error: (issue) => `has ${Array.isArray(issue.input) ? issue.input.length : 0} examples, needs at least ${MIN_EXAMPLES}`,
  });

/** A follow-up link: `faq:<id>` or one of {@link FOLLOW_UP_INTENTS}. */
export const FollowUpField = z.union(
  [z.templateLiteral(['faq:', z.string().regex(idPattern)]), z.enum(FOLLOW_UP_INTENTS)],
  { error: `must be "faq:<id>" or one of ${FOLLOW_UP_INTENTS.join(', ')}` },
);

/** Who reviewed an entry and when (`on` is a YAML date, read as a string). */
export const ReviewedField = z.strictObject({
  by: nonBlank,
  on: z.union([z.string(), z.date()]).transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)),
});

/** One entry of `locales/<lng>/faq/<group>.yaml`. */
export const FaqEntryFile = z.strictObject({
  id: TopicId,
  title: nonBlank.refine((title) => characterCount(title) <= MAX_TITLE_LENGTH, {
    error: (issue) =>
      `is ${characterCount(String(issue.input))} characters long, at most ${MAX_TITLE_LENGTH} fit on a WhatsApp button`,
  }),
  examples: examplesField,
  answer: nonBlank
    .refine((answer) => characterCount(answer) <= MAX_ANSWER_LENGTH, {
      error: (issue) => `is ${characterCount(String(issue.input))} characters long, at most ${MAX_ANSWER_LENGTH} for WhatsApp`,
    })
    .superRefine((answer, ctx) => {
      for (const { problem, fragment } of whatsappFormattingProblems(answer)) {
        ctx.addIssue({ code: 'custom', message: problem, input: answer, params: { fragment } });
      }
    }),
  followUps: z.array(FollowUpField).default([]),
  reviewed: ReviewedField.optional(),
});
/** Parsed FAQ entry as written in a file. */
export type FaqEntryFile = z.infer<typeof FaqEntryFile>;

/** A whole `locales/<lng>/faq/<group>.yaml` file. */
export const FaqFile = z.strictObject({
  entries: z.array(FaqEntryFile, { error: 'must be a list of entries' }),
});
/** Parsed FAQ file. */
export type FaqFile = z.infer<typeof FaqFile>;

/** One intent of `locales/<lng>/intents.yaml`: a catalogue intent id or `out_of_scope`. */
export const IntentFile = z.strictObject({
  id: z.union([TopicId, z.literal(OUT_OF_SCOPE_ID)]),
  examples: examplesField,
});
/** Parsed intent definition. */
export type IntentFile = z.infer<typeof IntentFile>;

/** A whole `locales/<lng>/intents.yaml` file. */
export const IntentsFile = z.strictObject({
  intents: z.array(IntentFile, { error: 'must be a list of intents' }),
});
/** Parsed intents file. */
export type IntentsFile = z.infer<typeof IntentsFile>;
