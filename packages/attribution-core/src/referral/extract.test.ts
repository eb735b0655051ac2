import { describe, expect, it } from 'vitest';
import { twilioForm, webhookJson, webhookText } from '../../test/support/fixtures.js';
import { extractReferrals } from './extract.js';

describe('extractReferrals', () => {
  it('finds the only referral of a multi-entry body, with routing and dedupe keys', () => {
    const found = extractReferrals(webhookJson('cloud-api/multi-entry-three-messages.json'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      provider: 'cloud_api',
      messageId: 'wamid.HBgNNTQ5MTE1NTUwMDE2MxUCABIYFDU0NjhBNTg2NDQ5NzRERUY1NDZGAA==',
      from: '5491155500163',
      userId: null,
      businessPhoneNumberId: '118204736591028',
      sentAt: new Date(1796302934 * 1000),
    });
    expect(found[0]?.referral.adId).toBe('120214583920176044');
  });

  it('orders referrals by send time, not by position in the body', () => {
    const body = webhookJson('cloud-api/multi-entry-three-messages.json') as {
      entry: { changes: { value: { messages: Record<string, unknown>[] } }[] }[];
    };
    const late = body.entry[0]?.changes[0]?.value.messages[1];
    const early = body.entry[1]?.changes[0]?.value.messages[0];
    if (late === undefined || early === undefined) throw new Error('fixture changed');
    early.referral = { source_id: '120214583920175512', source_type: 'ad' };

    const found = extractReferrals(body);
    expect(found.map((item) => item.referral.adId)).toEqual([
      '120214583920175512',
      '120214583920176044',
    ]);
    expect(found.map((item) => item.businessPhoneNumberId)).toEqual([
      '113928475610293',
      '118204736591028',
    ]);
  });

  it('reads the BSUID when the phone is withheld', () => {
    const [found] = extractReferrals(webhookJson('cloud-api/bsuid-username-with-referral.json'));
    expect(found).toMatchObject({ from: null, userId: 'AR.9051728364019283746' });
  });

  it('finds nothing in a statuses-only body or a body without referrals', () => {
    expect(extractReferrals(webhookJson('cloud-api/statuses-only.json'))).toEqual([]);
    expect(extractReferrals(webhookJson('cloud-api/no-referral.json'))).toEqual([]);
  });

  it('reads a YCloud event with its wamid, E.164 sender and RFC 3339 send time', () => {
    const [found] = extractReferrals(webhookJson('ycloud/inbound-with-referral.json'));
    expect(found).toMatchObject({
      provider: 'ycloud',
      messageId: 'wamid.HBgNNTUxMTk1NTAxNDQ3NxUCABIYFDUzQzgwMDczOTVFQTk3MUU4QjE2AA==',
      from: '+5511955014477',
      userId: 'BR.7720394817265503918',
      sentAt: new Date('2026-12-03T18:20:29.000Z'),
    });
  });

  it('reads a Twilio body, stripping the whatsapp: prefix once', () => {
    const expected = {
      provider: 'twilio',
      messageId: 'SM19eb20f0ac31976c9c7825418fe5f3c0',
      from: '+13055550188',
      sentAt: null,
    };
    expect(extractReferrals(webhookText('twilio/with-referral.txt'))[0]).toMatchObject(expected);
    expect(extractReferrals(twilioForm('with-referral.txt'))[0]).toMatchObject(expected);
  });

  it('finds nothing in Twilio bodies without a referral', () => {
    expect(extractReferrals(twilioForm('without-referral.txt'))).toEqual([]);
    expect(extractReferrals(twilioForm('referral-fields-empty.txt'))).toEqual([]);
  });

  it('returns an empty list for anything else', () => {
    for (const input of [null, 'x', 42, { entry: 'nope' }, { whatsappInboundMessage: 1 }]) {
      expect(extractReferrals(input)).toEqual([]);
    }
  });

  it('reads a bare change value and the legacy body with messages at the top', () => {
    const body = webhookJson('cloud-api/text-from-image-ad.json') as {
      entry: { changes: { value: Record<string, unknown> }[] }[];
    };
    const value = body.entry[0]?.changes[0]?.value ?? {};
    expect(extractReferrals(value)[0]).toMatchObject({
      businessPhoneNumberId: '118204736591028',
      from: '5491155500142',
    });
    const legacy = { contacts: value.contacts, messages: value.messages };
    expect(extractReferrals(legacy)[0]?.referral.adId).toBe('120214583920175512');
  });
});
