// What the simulated WhatsApp users write: per language a first message and follow-ups, short and long,
// with the typos and missing accents real users type. One conversation script per user, by user number.
import { buildWebhookBody } from '../../channels/whatsapp/webhookPayload.js';
import { signWebhookBody } from '../../channels/whatsapp/webhookSignature.js';

const LONG_FR =
  "Bonjour, je suis au Maroc depuis deux ans avec ma femme et mes deux enfants, on vit a Casablanca. " +
  "Je voudrais rentrer dans mon pays mais je n'ai plus de passeport, il a ete perdu quand on a demenage. " +
  "Est-ce que l'OIM peut m'aider pour le voyage et les papiers, et est-ce qu'il faut payer quelque chose ? " +
  "Aussi je voudrais savoir si apres le retour il y a une aide pour commencer un petit commerce, merci beaucoup.";
const LONG_EN =
  'Hello, I have been living in Rabat for almost three years and I lost my job last month. I want to go back ' +
  'to my country with my little brother but we do not have money for the ticket and my passport is expired. ' +
  'Can IOM help us with the travel and the documents, how long does it take, and is there any support after we ' +
  'arrive home to find work or start a small business? Thank you for your answer.';
const LONG_AR =
  'السلام عليكم، أنا في المغرب منذ سنتين مع عائلتي وأعيش في وجدة. أريد العودة إلى بلدي لكن ليس لدي جواز سفر ' +
  'ولا مال لشراء التذكرة. هل يمكن للمنظمة الدولية للهجرة مساعدتي في السفر والوثائق؟ وهل هناك مساعدة بعد العودة ' +
  'لبدء مشروع صغير؟ وكم من الوقت يستغرق ذلك؟ شكرا جزيلا على مساعدتكم.';

/** The conversation scripts; a user plays `SCRIPTS[user % SCRIPTS.length]` from the start. */
export const SCRIPTS: readonly (readonly string[])[] = [
  ['Bonjour', 'comment rentrer dans mon pays ?', LONG_FR],
  ['bjr', LONG_FR, 'merci'],
  ['Hello', 'how can i go back home', LONG_EN],
  ['hi', LONG_EN, 'thanks'],
  ['السلام عليكم', 'كيف يمكنني العودة إلى بلدي؟', LONG_AR],
  ['salam', 'bghit nrje3 l bladi', LONG_AR],
  ['bonsoir', 'c gratuit le retour?', 'ou se trouve le bureau a rabat'],
  ['good morning', 'is it free?', 'where is the office in oujda'],
];

/** Messages per user in one run (every script has this many). */
export const MESSAGES_PER_USER = 3;

/** The WhatsApp id (phone number) of simulated user `n` of run `run` (distinct per run, Moroccan-looking). */
export function userWaId(run: number, n: number): string {
  return `2126${String(run % 100).padStart(2, '0')}${String(n).padStart(6, '0')}`;
}

/** The text user `n` writes as their `k`-th message. */
export function messageText(n: number, k: number): string {
  const script = SCRIPTS[n % SCRIPTS.length]!;
  return script[k % script.length]!;
}

/** A signed Meta-shaped webhook carrying one text message, with the current timestamp. */
export function signedWebhook(options: { phoneNumberId: string; appSecret: string; from: string; messageId: string; text: string }): { body: string; signature: string } {
  const body = JSON.stringify(
    buildWebhookBody({
      phoneNumberId: options.phoneNumberId,
      messages: [{ from: options.from, id: options.messageId, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: options.text } }],
    }),
  );
  return { body, signature: signWebhookBody(body, options.appSecret) };
}
