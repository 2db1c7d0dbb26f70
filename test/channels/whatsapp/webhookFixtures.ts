import { signWebhookBody } from '../../../src/channels/whatsapp/webhookSignature.js';
import { buildWebhookBody } from '../../../src/channels/whatsapp/webhookPayload.js';

export const APP_SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';
export const PHONE_NUMBER_ID = '100200300';

let counter = 0;

/** A Meta-shaped inbound message of `type` with its `content` (e.g. `{ text: { body: 'hi' } }`). */
export function waMessage(from: string, type: string, content: Record<string, unknown> = {}, id?: string): Record<string, unknown> {
  counter++;
  return { from, id: id ?? `wamid.test.${counter}.${Math.random().toString(36).slice(2, 8)}`, timestamp: String(Math.floor(Date.now() / 1000)), type, ...content };
}

/** A text message. */
export function waText(from: string, body: string, id?: string): Record<string, unknown> {
  return waMessage(from, 'text', { text: { body } }, id);
}

/** Posts a signed (by default) webhook body; returns the response. */
export async function postWebhook(
  url: string,
  body: unknown,
  options: { signature?: string | null; secret?: string } = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = options.signature === undefined ? signWebhookBody(raw, options.secret ?? APP_SECRET) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(`${url}/api/whatsapp`, { method: 'POST', headers, body: raw });
}

/** A signed-ready webhook body with these messages and statuses. */
export function webhook(messages: Array<Record<string, unknown>> = [], statuses?: Array<Record<string, unknown>>) {
  return buildWebhookBody({ phoneNumberId: PHONE_NUMBER_ID, messages, ...(statuses ? { statuses } : {}) });
}

/** Outbound settings for `createWhatsAppOutbound` in tests, sending to the fake Graph server at `apiUrl`. */
export function outboundTestConfig(apiUrl: string) {
  return {
    WHATSAPP_API_URL: apiUrl,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'token',
    WHATSAPP_RATE_PER_SECOND: 80,
    WHATSAPP_REENGAGE_TEMPLATE: undefined,
    WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE: 'fr',
    DEFAULT_LANGUAGE: 'fr',
  } as const;
}
