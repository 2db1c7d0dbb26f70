import { describe, expect, it } from 'vitest';
import { WebhookMessage } from '../../../src/channels/whatsapp/webhookPayload.js';
import { triageWebhookMessage } from '../../../src/channels/whatsapp/webhookTriage.js';
import { graphRecipientFields, isBusinessScopedUserId, userIdOfMessage, userIdsOfStatus } from '../../../src/channels/whatsapp/whatsappUserId.js';
import { waMessage, waText } from './webhookFixtures.js';

const OURS = '100200300';
const parse = (raw: Record<string, unknown>) => WebhookMessage.parse(raw);

describe('whatsappUserId', () => {
  it('keys by the phone number when there is one, else by the business-scoped user id', () => {
    expect(userIdOfMessage({ from: '5678', from_user_id: 'US.1234' })).toBe('5678');
    expect(userIdOfMessage({ from: 'US.1234', from_user_id: 'US.1234' })).toBe('US.1234');
    expect(userIdOfMessage({ from_user_id: 'US.13491208655302741918' })).toBe('US.13491208655302741918');
    expect(userIdOfMessage({})).toBeUndefined();
  });

  it('addresses phone numbers with `to` and BSUIDs with `recipient`', () => {
    expect(graphRecipientFields('212600000001')).toEqual({ to: '212600000001' });
    expect(graphRecipientFields('US.ENT.11815799212886844830')).toEqual({ recipient: 'US.ENT.11815799212886844830' });
    expect(isBusinessScopedUserId('212600000001')).toBe(false);
  });

  it('reads every recipient id of a status once', () => {
    expect(userIdsOfStatus({ recipient_id: '5678', recipient_user_id: 'US.1' })).toEqual(['5678', 'US.1']);
    expect(userIdsOfStatus({ recipient_user_id: 'US.1' })).toEqual(['US.1']);
  });
});

describe('triageWebhookMessage', () => {
  it('accepts a message without `from` when it has `from_user_id`, and refuses one with neither', () => {
    const raw = waText('0', 'Hello');
    delete raw.from;
    expect(WebhookMessage.safeParse(raw).success).toBe(false);
    const result = triageWebhookMessage(parse({ ...raw, from_user_id: 'US.42' }), OURS, OURS);
    expect(result).toMatchObject({ action: 'enqueue', inbound: { waId: 'US.42', kind: 'text' } });
  });

  it.each([
    ['revoke', waMessage('212600000001', 'revoke', { revoke: { original_message_id: 'wamid.x' } })],
    ['edit', waMessage('212600000001', 'edit', { edit: { original_message_id: 'wamid.x' } })],
    ['system', waMessage('212600000001', 'system', { system: { type: 'customer_identity_changed', body: '…' } })],
    ['group', { ...waText('212600000001', 'hi all'), group_id: '555' }],
  ])('ignores %s messages', (reason, raw) => {
    expect(triageWebhookMessage(parse(raw), OURS, OURS)).toEqual({ action: 'ignore', reason });
  });

  it('ignores messages to another business number, and accepts every number when ours is not configured', () => {
    const m = parse(waText('212600000001', 'hi'));
    expect(triageWebhookMessage(m, '999', OURS)).toEqual({ action: 'ignore', reason: 'otherBusinessNumber' });
    expect(triageWebhookMessage(m, '999', undefined).action).toBe('enqueue');
  });

  it('turns a number change into a numberChange item, whichever field holds the new number', () => {
    for (const system of [
      { type: 'user_changed_number', new_wa_id: '212600000999' },
      { type: 'user_changed_number', wa_id: '212600000999' },
      { type: 'customer_changed_number', new_wa_id: 212600000999 },
    ]) {
      const result = triageWebhookMessage(parse(waMessage('212600000001', 'system', { system })), OURS, OURS);
      expect(result).toMatchObject({ action: 'enqueue', inbound: { kind: 'numberChange', waId: '212600000001', newUserId: '212600000999' } });
    }
    const bsuidChange = waMessage('US.1', 'system', { system: { type: 'user_changed_user_id', user_id: 'US.2' } });
    expect(triageWebhookMessage(parse(bsuidChange), OURS, OURS)).toMatchObject({ inbound: { kind: 'numberChange', newUserId: 'US.2' } });
    // A phone-number user keeps their key when only the BSUID changes.
    const phoneUser = waMessage('212600000001', 'system', { system: { type: 'user_changed_user_id', user_id: 'US.2' } });
    expect(triageWebhookMessage(parse(phoneUser), OURS, OURS)).toEqual({ action: 'ignore', reason: 'system' });
  });
});
