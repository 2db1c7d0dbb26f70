/**
 * Greetings said to a group ("bonsoir la famille", "salut les gars", "hello my people"): in West African and
 * Moroccan chat, "la famille" is a warm way of addressing anyone, not a question about family returns. Read
 * literally, the word "famille" pulls such a greeting to the family-return answer.
 */
const GREETING = String.raw`(?:bonjour|bonsoir|bjr|bsr|salut|slt|coucou|cc|salam|slm|hello|hi|hey|yo|on dit quoi|on dit koi|good morning|good evening)`;

/** Ways of addressing the people one greets, right after the greeting. */
const ADDRESS = String.raw`(?:la famille|la famile|la fami|la mif|les amis|les gars|la team|l['’ ]?[ée]quipe|les fr[eéè]res|mes fr[eéè]res|tout le monde|[aà] tous|family|fam|my people|my brothers|guys|everyone|una)`;

const GREETING_TO_GROUP = new RegExp(String.raw`^(\s*${GREETING}\b[\s,!.]*)${ADDRESS}(?![\p{L}\p{N}])`, 'iu');

/**
 * `text` without the group it greets when it opens with a greeting to a group ("Bonsoir la famille, je veux
 * rentrer" → "Bonsoir , je veux rentrer"); otherwise `text` unchanged. Only the opening is looked at, so "ma
 * famille" later in the message is kept.
 */
export function withoutGreetedGroup(text: string): string {
  const match = GREETING_TO_GROUP.exec(text);
  return match ? `${match[1]}${text.slice(match[0].length)}` : text;
}
