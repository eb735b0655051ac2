import { graphHandlers } from '@ctwa/meta-ads-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAds } from '../../examples/express-server/src/demo/ads.js';
import { phoneProblemMessages } from '../../examples/express-server/src/phone.js';
import {
  graphApiVersion,
  graphBaseUrl,
  startTestServer,
  type TestServer,
} from './support/test-server.js';

const implantsAd = '120214583920175512';
const orthodonticsAd = '120214583920176044';

describe('POST /chat', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      name: 'chat_route',
      graph: graphHandlers({ ads: demoAds, baseUrl: graphBaseUrl, apiVersion: graphApiVersion }),
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  const post = (body: unknown, token = server.chatToken) =>
    server.client.call('/chat', token, { method: 'POST', body: JSON.stringify(body) });

  async function countMessages(tenantId: string, providerMessageId: string): Promise<number> {
    const { rows } = await server.db.query(
      'SELECT count(*)::int AS n FROM chat_messages WHERE tenant_id = $1 AND provider_message_id = $2',
      [tenantId, providerMessageId],
    );
    return rows[0]?.n;
  }

  it('answers 401 without the internal token and 401 with a wrong one', async () => {
    const body = { tenant_id: 'arrayan', phone: '+5491155500101', message: 'hola' };
    const missing = await fetch(new URL('/chat', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const wrong = await post(body, 'not-the-token');

    expect(missing.status).toBe(401);
    expect(missing.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(wrong).toEqual({
      status: 401,
      body: {
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'Send the internal service token as a Bearer token.',
        code: 'unauthorized',
      },
    });
  });

  it('answers 400 naming every missing or mistyped field', async () => {
    const { status, body } = await post({ phone: '+5491155500101', message: 42 });

    expect(status).toBe(400);
    expect(body).toMatchObject({
      status: 400,
      code: 'invalid_body',
      errors: [
        { field: 'tenant_id', message: expect.any(String) },
        { field: 'message', message: expect.any(String) },
      ],
    });
  });

  it('answers 400 naming the phone field without echoing the number', async () => {
    const { status, body } = await post({
      tenant_id: 'arrayan',
      phone: 'call me 12',
      message: 'hola',
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_body', errors: [{ field: 'phone' }] });
    expect(JSON.stringify(body)).not.toContain('call me 12');
  });

  it.each(['tenant_id', 'phone', 'message', 'message_id'] as const)(
    'answers 400 naming %s when it holds a NUL character',
    async (field) => {
      const valid = {
        tenant_id: 'arrayan',
        phone: '+5491155500120',
        message: 'hola',
        message_id: 'wamid.nul-field-1',
      };
      const { status, body } = await post({ ...valid, [field]: `${valid[field]}\u0000` });

      expect(status).toBe(400);
      expect(body).toMatchObject({ code: 'invalid_body', errors: [{ field }] });
    },
  );

  it('answers 400 for other control characters in an id but keeps line breaks in a message', async () => {
    const badId = await post({
      tenant_id: 'arrayan\u001b',
      phone: '+5491155500121',
      message: 'hola',
    });
    const multiLine = await post({
      tenant_id: 'arrayan',
      phone: '+5491155500121',
      message: 'línea 1\r\nlínea 2\tfin',
    });

    expect(badId.body).toMatchObject({ status: 400, errors: [{ field: 'tenant_id' }] });
    expect(multiLine.status).toBe(200);
  });

  it('keeps the message and the attribution when referral text holds NUL characters', async () => {
    const message = {
      tenant_id: 'arrayan',
      phone: '+5491155500122',
      message: 'Vi el anuncio',
      message_id: 'wamid.nul-referral-1',
      referral: {
        source_type: 'ad',
        source_id: implantsAd,
        headline: 'Implantes\u0000 dentales',
        body: '\u0000Recuperá tu sonrisa',
        ctwa_clid: 'ARAg1oXRNK6jm0WT3G142Sj_nul\u0000',
      },
    };
    const first = await post(message);
    const retry = await post(message);

    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(first.body).toMatchObject({
      message_saved: true,
      first_touch: 'attributed',
      attribution: {
        ad_id: implantsAd,
        headline: 'Implantes dentales',
        body: 'Recuperá tu sonrisa',
        ctwa_clid: 'ARAg1oXRNK6jm0WT3G142Sj_nul',
      },
    });
    expect(retry.body).toMatchObject({ message_saved: false, first_touch: 'kept_existing' });
    expect(await countMessages('arrayan', 'wamid.nul-referral-1')).toBe(1);
  });

  it('answers 400 asking for the international form for a number without a country code', async () => {
    const { status, body } = await post({
      tenant_id: 'arrayan',
      phone: '(305) 555-0123',
      message: 'hola',
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'invalid_body',
      errors: [{ field: 'phone', message: phoneProblemMessages.international_form_required }],
    });
    expect(JSON.stringify(body)).not.toContain('555-0123');
  });

  it('treats an Argentine mobile written with and without the 9 as one patient', async () => {
    const withoutNine = await post({
      tenant_id: 'arrayan',
      phone: '+54 11 5550-0190',
      message: 'hola',
    });
    const withNine = await post({
      tenant_id: 'arrayan',
      phone: '+54 9 11 5550-0190',
      message: 'hola otra vez',
    });
    const cloudApiId = await post({
      tenant_id: 'arrayan',
      phone: '5491155500190',
      message: 'hola',
    });
    const token = await server.adminToken('arrayan', 'ceo');
    const context = await server.client.call(
      `/admin/patients/phone/${encodeURIComponent('+54 11 5550-0190')}/context`,
      token,
    );

    const patientIds = [withoutNine, withNine, cloudApiId].map(
      ({ body }) => (body as { patient_id?: unknown }).patient_id,
    );

    expect(withoutNine.status).toBe(200);
    expect(patientIds[0]).toEqual(expect.any(String));
    expect(new Set(patientIds).size).toBe(1);
    expect(context.body).toMatchObject({ phone: '+54*********90' });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const { status, body } = await server.client.call('/chat', server.chatToken, {
      method: 'POST',
      body: '{"tenant_id": ',
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'invalid_json' });
  });

  it('answers 413 for a body over 100 kB', async () => {
    const { status, body } = await post({
      tenant_id: 'arrayan',
      phone: '+5491155500101',
      message: 'a'.repeat(110_000),
    });

    expect(status).toBe(413);
    expect(body).toMatchObject({ code: 'body_too_large' });
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { status, body } = await server.client.call('/chats', server.chatToken);

    expect(status).toBe(404);
    expect(body).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route for GET /chats.',
      code: 'not_found',
    });
  });

  it('answers 404 for an unknown tenant', async () => {
    const { status, body } = await post({
      tenant_id: 'no-such-clinic',
      phone: '+5491155500101',
      message: 'hola',
    });

    expect(status).toBe(404);
    expect(body).toMatchObject({
      code: 'unknown_tenant',
      detail: 'tenant_id: no tenant "no-such-clinic" exists.',
    });
  });

  it('masks the phone digits of an unmatched path in the 404 detail', async () => {
    const token = await server.adminToken('arrayan', 'ceo');
    const plain = await server.client.call('/admin/patients/phone/+13055550117', token);
    const encoded = await server.client.call(
      '/admin/patients/phone/%2B1%20305%20555%200117',
      token,
    );

    expect(plain.body).toMatchObject({
      status: 404,
      detail: 'No route for GET /admin/patients/phone/*******0117.',
    });
    expect(encoded.body).toMatchObject({
      detail: 'No route for GET /admin/patients/phone/*******0117.',
    });
  });

  it('does not repeat an unknown tenant id that is phone-like or not a plain id', async () => {
    const phoneLike = await post({
      tenant_id: '+13055550117',
      phone: '+5491155500101',
      message: 'x',
    });
    const script = await post({
      tenant_id: '<img src=x onerror=alert(1)>',
      phone: '+5491155500101',
      message: 'x',
    });

    expect(phoneLike.body).toMatchObject({
      code: 'unknown_tenant',
      detail: 'tenant_id: no tenant with the given id exists.',
    });
    expect(script.body).toMatchObject({
      code: 'unknown_tenant',
      detail: 'tenant_id: no tenant with the given id exists.',
    });
  });

  it('saves the message and answers 200 when the referral is malformed', async () => {
    const { status, body } = await post({
      tenant_id: 'arrayan',
      phone: '5491155500102',
      message: 'Hola, quiero un turno',
      message_id: 'wamid.malformed-referral-1',
      referral: { source_id: { id: 'nested' }, source_type: ['ad'], headline: 42 },
    });

    expect(status).toBe(200);
    expect(body).toMatchObject({
      message_saved: true,
      referral: 'unreadable',
      ad_touch: false,
      first_touch: 'none',
      enrichment_pending: false,
      attribution: { acquisition_source: 'ORGANIC', ad_id: null },
    });
    expect(await countMessages('arrayan', 'wamid.malformed-referral-1')).toBe(1);
  });

  it('stores a redelivered message once', async () => {
    const message = {
      tenant_id: 'arrayan',
      phone: '5491155500103',
      message: 'Hola',
      message_id: 'wamid.redelivered-1',
    };
    const first = await post(message);
    const second = await post(message);

    expect([first.body, second.body]).toMatchObject([
      { message_saved: true },
      { message_saved: false },
    ]);
    expect(await countMessages('arrayan', 'wamid.redelivered-1')).toBe(1);
  });

  it('keeps the first touch when a second ad referral arrives', async () => {
    const phone = '+5491155500104';
    const first = await post({
      tenant_id: 'arrayan',
      phone,
      message: 'Vi el anuncio',
      message_id: 'wamid.first-touch-1',
      referral: { source_type: 'ad', source_id: implantsAd, headline: 'Implantes' },
    });
    const second = await post({
      tenant_id: 'arrayan',
      phone,
      message: 'Vi otro anuncio',
      message_id: 'wamid.first-touch-2',
      referral: { ad_id: orthodonticsAd, headline: 'Ortodoncia' },
    });

    expect(first.body).toMatchObject({
      first_touch: 'attributed',
      attribution: { ad_id: implantsAd },
    });
    expect(second.body).toMatchObject({
      ad_touch: true,
      first_touch: 'kept_existing',
      attribution: { ad_id: implantsAd, headline: 'Implantes' },
    });
  });

  it('attributes an ad referral that arrives for an organic patient', async () => {
    const phone = '+5491155500105';
    const organic = await post({ tenant_id: 'arrayan', phone, message: 'Hola' });
    const fromAd = await post({
      tenant_id: 'arrayan',
      phone,
      message: 'Vi el anuncio',
      referral: { ad_id: orthodonticsAd, headline: 'Ortodoncia', body: '' },
    });

    expect(organic.body).toMatchObject({ attribution: { acquisition_source: 'ORGANIC' } });
    expect(fromAd.body).toMatchObject({
      first_touch: 'attributed',
      enrichment_pending: true,
      attribution: { acquisition_source: 'META_ADS', ad_id: orthodonticsAd, body: null },
    });
  });

  it('reports an ad touch whose ad id was lost as an ad touch attributed to META_ADS, with nothing to enrich', async () => {
    const { status, body } = await server.client.call('/chat', server.chatToken, {
      method: 'POST',
      // A JSON number this large has already lost its digits, so the ad id is not trusted.
      body: `{"tenant_id":"arrayan","phone":"+5491155500107","message":"Vi el anuncio","referral":{"source_type":"ad","source_id":120214583920175512,"ctwa_clid":"ARAkLost01","headline":"Implantes"}}`,
    });

    expect(status).toBe(200);
    expect(body).toMatchObject({
      referral: 'read',
      ad_touch: true,
      first_touch: 'attributed',
      enrichment_pending: false,
      attribution: {
        acquisition_source: 'META_ADS',
        ad_id: null,
        ctwa_clid: 'ARAkLost01',
        headline: 'Implantes',
        enrichment_status: null,
      },
    });
  });

  it('reports a Page post referral as no ad touch and marks the patient organic', async () => {
    const { body } = await post({
      tenant_id: 'arrayan',
      phone: '+5491155500108',
      message: 'Vi la publicación',
      referral: { source_type: 'post', source_id: '118204736591028_990011' },
    });

    expect(body).toMatchObject({
      referral: 'read',
      ad_touch: false,
      first_touch: 'not_an_ad',
      attribution: { acquisition_source: 'ORGANIC', ad_id: null },
    });
  });

  it('answers before enrichment runs and enriches afterwards', async () => {
    const phone = '+5491155500106';
    const { body } = await post({
      tenant_id: 'arrayan',
      phone,
      message: 'Hola',
      referral: { source_type: 'ad', source_id: implantsAd },
    });
    await server.settleEnrichment();
    const token = await server.adminToken('arrayan', 'ceo');
    const context = await server.client.call(`/admin/patients/phone/${phone}/context`, token);

    expect(body).toMatchObject({
      enrichment_pending: true,
      attribution: { campaign_name: null, enrichment_status: 'pending' },
    });
    expect(context.body).toMatchObject({
      attribution: {
        campaign_name: 'Implantes dentales - Mensajes WhatsApp - CABA',
        enrichment_status: 'done',
      },
    });
  });
});
