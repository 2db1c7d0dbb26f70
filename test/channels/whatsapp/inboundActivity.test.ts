import { describe, expect, it } from 'vitest';
import { normaliseWebhookMessage, toWhatsAppActivity, WhatsAppInbound } from '../../../src/channels/whatsapp/inboundActivity.js';
import { WebhookMessage } from '../../../src/channels/whatsapp/webhookPayload.js';

const USER = '212600000001';
const NUMBER = '100200300';

/** Meta message → normalised → (through JSON, as in the queue) → activity. */
function activityOf(type: string, content: Record<string, unknown>, resolved?: string) {
  const message = WebhookMessage.parse({ from: USER, id: 'wamid.K1', timestamp: '1750000000', type, ...content });
  const inbound = WhatsAppInbound.parse(JSON.parse(JSON.stringify(normaliseWebhookMessage(message, NUMBER))));
  return toWhatsAppActivity(inbound, resolved);
}

describe('toWhatsAppActivity', () => {
  it('maps a text message with the identity fields the bot relies on (never the profile name)', () => {
    const activity = activityOf('text', { text: { body: 'Bonjour, combien ça coûte ?' } });
    expect(activity).toMatchObject({
      type: 'message',
      id: 'wamid.K1',
      channelId: 'whatsapp',
      from: { id: USER, role: 'user', name: '' },
      conversation: { id: USER },
      recipient: { id: NUMBER, role: 'bot' },
      text: 'Bonjour, combien ça coûte ?',
    });
    expect(activity.timestamp).toEqual(new Date(1_750_000_000_000));
    expect(activity.value).toBeUndefined();
    expect(activity.channelData).toBeUndefined();
  });

  it.each([
    ['button_reply', { type: 'button_reply', button_reply: { id: 'intent.book', title: 'Prendre RDV' } }, 'intent.book'],
    ['list_reply', { type: 'list_reply', list_reply: { id: 'faq:avrr.cost', title: 'Coût', description: '…' } }, 'faq:avrr.cost'],
    ['language button', { type: 'button_reply', button_reply: { id: 'lang:ar', title: 'العربية' } }, 'lang:ar'],
  ])('maps an interactive %s to its command value', (_name, interactive, command) => {
    const activity = activityOf('interactive', { interactive });
    expect(activity.text).toBe(command);
    expect(activity.value).toEqual({ command });
  });

  it('maps a template quick reply (legacy button) to its payload', () => {
    const activity = activityOf('button', { button: { payload: 'menu', text: 'Menu' } });
    expect(activity).toMatchObject({ text: 'menu', value: { command: 'menu' } });
  });

  it('turns a numbered-menu answer into the resolved command', () => {
    const activity = activityOf('text', { text: { body: '٢' } }, 'faq:avrr.cost');
    expect(activity).toMatchObject({ text: 'faq:avrr.cost', value: { command: 'faq:avrr.cost' } });
  });

  it.each([
    ['voice', 'audio', { audio: { id: 'm-voice', mime_type: 'audio/ogg; codecs=opus', voice: true } }, 'audio/ogg; codecs=opus'],
    ['audio', 'audio', { audio: { id: 'm-audio', mime_type: 'audio/mpeg' } }, 'audio/mpeg'],
    ['image', 'image', { image: { id: 'm-image', mime_type: 'image/jpeg', caption: 'mon passeport' } }, 'image/jpeg'],
    ['video', 'video', { video: { id: 'm-video', mime_type: 'video/mp4' } }, 'video/mp4'],
    ['document', 'document', { document: { id: 'm-document', mime_type: 'application/pdf', filename: 'x.pdf' } }, 'application/pdf'],
    ['sticker', 'sticker', { sticker: { id: 'm-sticker', mime_type: 'image/webp', animated: false } }, 'image/webp'],
  ])('maps %s media to an empty text, its kind and a whatsapp-media attachment', (kind, type, content, mime) => {
    const activity = activityOf(type, content);
    const mediaId = `m-${kind}`;
    expect(activity.text).toBe('');
    expect(activity.channelData).toEqual({ messageKind: kind, mediaId, mimeType: mime });
    expect(activity.attachments).toEqual([{ contentType: mime, contentUrl: `whatsapp-media:${mediaId}` }]);
    // A caption is free text the user may not expect to be read as a question: it is not passed on.
    expect(JSON.stringify(activity)).not.toContain('passeport');
  });

  it('maps a location with its coordinates, name and address', () => {
    const activity = activityOf('location', { location: { latitude: 33.5731, longitude: -7.5898, name: 'OIM', address: 'Rabat' } });
    expect(activity.text).toBe('');
    expect(activity.channelData).toEqual({ messageKind: 'location', location: { latitude: 33.5731, longitude: -7.5898, name: 'OIM', address: 'Rabat' } });
    expect(activity.attachments).toBeUndefined();
  });

  it('maps a reaction with its emoji', () => {
    const activity = activityOf('reaction', { reaction: { message_id: 'wamid.OUT', emoji: '👍' } });
    expect(activity).toMatchObject({ text: '', channelData: { messageKind: 'reaction', emoji: '👍' } });
  });

  it('maps shared contacts without passing their details on', () => {
    const activity = activityOf('contacts', { contacts: [{ name: { formatted_name: 'Awa' }, phones: [{ phone: '+212611111111' }] }] });
    expect(activity.channelData).toEqual({ messageKind: 'contacts' });
    expect(JSON.stringify(activity)).not.toContain('212611111111');
  });

  it.each([
    ['unsupported', { unsupported: {}, errors: [{ code: 131051 }] }],
    ['order', { order: {} }],
    ['a future kind', {}],
    ['interactive of another type', { interactive: { type: 'nfm_reply', nfm_reply: {} } }],
  ])('maps %s to messageKind unsupported', (_name, content) => {
    const type = _name === 'a future kind' ? 'hologram' : _name.startsWith('interactive') ? 'interactive' : _name;
    const activity = activityOf(type, content);
    expect(activity).toMatchObject({ type: 'message', text: '', channelData: { messageKind: 'unsupported' } });
  });
});
