/**
 * A short message that asks two things joined by "and" ("c'est gratuit et ça prend combien de temps", "vous
 * faites la RDC et aussi c'est long ?", "is it free and how long does it take"): people put first what they came to
 * ask, and the second is often the follow-up the answer's links already offer. The first question is then read
 * with the whole message, as a long message's question is.
 */
const JOINED_QUESTION = new RegExp(
  String.raw`^(?!\s*(?:si|s il|if|when|ila|اذا|إذا)\s)(.{12,}?)[\s,]+(?:et|and|w|wa|و)\s+(?:aussi\s+|also\s+|puis\s+)?(?:combien|est[\s-]ce|c[\s']?est|(?:ca|ça|sa)\s+(?:prend|coute|coûte|dure|se passe)|il y a|y a|ya|(?:il\s+)?faut(?:[\s-]il)?|quand|comment|how|what|when|do|does|can|must|chhal|ch7al|wach|imta|khass(?:ni)?|كم|هل|شحال|واش|خاص(?:ني)?)\b.{6,}$`,
  'iu',
);

/** Longest message looked at: a long one goes to the question finder instead. */
const MAX_CHARS = 140;

/**
 * The first of two questions joined by "and" in a short message, or null when the message asks one thing. A
 * condition ("si je rentre et ça marche pas…") is not a question of its own, nor is "and is not…".
 */
export function firstOfTwoQuestions(text: string): string | null {
  if (text.length > MAX_CHARS) return null;
  const match = JOINED_QUESTION.exec(text);
  return match ? match[1]! : null;
}
