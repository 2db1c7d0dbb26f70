import { describe, expect, it } from 'vitest';
import { readWebhookBatch, WebhookPayload } from '../../../src/channels/whatsapp/webhookPayload.js';
import { conversationIdOf } from '../../../src/channels/whatsapp/whatsappIdentity.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import { MemoryWhatsAppIdentityLinks } from '../../../src/stores/memory/memoryWhatsAppIdentityLinks.js';

/** One text message as Meta sends it, with the `contacts[]` entry beside it (courier hello_user_id shape). */
function payload(message: Record<string, unknown>, contact: Record<string, unknown>) {
  return WebhookPayload.parse({
    object: 'whatsapp_business_account',
    entry: [{ id: 'waba', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: 'PNID' }, contacts: [{ profile: { name: 'Kerry' }, ...contact }], messages: [{ id: 'wamid.1', timestamp: '1454119029', type: 'text', text: { body: 'Hello' }, ...message }] } }] }],
  });
}

describe('the ids a webhook gives a sender', () => {
  it('reads the phone and the BSUID from the message, completed by contacts[] (wa_id beside user_id)', () => {
    const both = readWebhookBatch(payload({ from: '5678', from_user_id: 'US.1234' }, { wa_id: '5678', user_id: 'US.1234' }));
    expect(both.messages[0]?.sender).toEqual({ phone: '5678', bsuid: 'US.1234' });
    const phoneInMessage = readWebhookBatch(payload({ from: '5678' }, { wa_id: '5678', user_id: 'US.1234' }));
    expect(phoneInMessage.messages[0]?.sender).toEqual({ phone: '5678', bsuid: 'US.1234' });
    const bsuidInMessage = readWebhookBatch(payload({ from_user_id: 'US.1234' }, { wa_id: '5678', user_id: 'US.1234' }));
    expect(bsuidInMessage.messages[0]?.sender).toEqual({ phone: '5678', bsuid: 'US.1234' });
    const usernameOnly = readWebhookBatch(payload({ from_user_id: 'US.1234' }, { user_id: 'US.1234' }));
    expect(usernameOnly.messages[0]?.sender).toEqual({ bsuid: 'US.1234' });
  });
});

describe('conversationIdOf', () => {
  it('keys a new user by the phone and links the BSUID to it; the BSUID alone then finds that conversation', async () => {
    const deps = { links: new MemoryWhatsAppIdentityLinks(), contacts: new MemoryWhatsAppContacts() };
    expect(await conversationIdOf({ phone: '212600000701', bsuid: 'MA.701' }, '212600000701', deps)).toBe('212600000701');
    expect(await conversationIdOf({ bsuid: 'MA.701' }, 'MA.701', deps)).toBe('212600000701');
    expect(await conversationIdOf({ bsuid: 'MA.702' }, 'MA.702', deps)).toBe('MA.702');
  });

  it('keeps the BSUID as the key of a conversation that began without a number', async () => {
    const deps = { links: new MemoryWhatsAppIdentityLinks(), contacts: new MemoryWhatsAppContacts() };
    await deps.contacts.recordInbound('MA.703', Date.now());
    expect(await conversationIdOf({ phone: '212600000703', bsuid: 'MA.703' }, '212600000703', deps)).toBe('MA.703');
    expect(await conversationIdOf({ phone: '212600000703' }, '212600000703', deps)).toBe('MA.703');
    expect(await deps.links.aliasesOf('MA.703')).toEqual(['212600000703']);
  });
});
