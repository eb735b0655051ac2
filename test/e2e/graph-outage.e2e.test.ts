import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphBaseUrl, startTestServer, type TestServer } from './support/test-server.js';

const implantsAd = '120214583920175512';

// Every Graph call fails as a Meta outage does: HTTP 503 with a transient service error.
const outage = [
  http.all(`${graphBaseUrl}/*`, () =>
    HttpResponse.json(
      {
        error: {
          message: 'Service temporarily unavailable',
          type: 'OAuthException',
          code: 2,
          is_transient: true,
          fbtrace_id: 'AOutageTrace01',
        },
      },
      { status: 503 },
    ),
  ),
];

describe('reference server during a Graph outage', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ name: 'graph_outage', graph: outage });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps the attribution and records the failed enrichment for a retry', async () => {
    const reply = await server.client.postChat(server.chatToken, {
      tenant_id: 'arrayan',
      phone: '+5491155500142',
      message: 'Hola! Vi el anuncio de implantes.',
      referral: {
        source_type: 'ad',
        source_id: implantsAd,
        headline: 'Implantes dentales con carga inmediata',
        ctwa_clid: 'ARAg1oXRNK6jm0WT3G142Sj_outage',
      },
    });
    await server.settleEnrichment();
    const token = await server.adminToken('arrayan', 'ceo');
    const context = await server.client.call('/admin/patients/phone/5491155500142/context', token);

    expect(reply).toMatchObject({ first_touch: 'attributed', enrichment_pending: true });
    expect(context.status).toBe(200);
    expect(context.body).toMatchObject({
      attribution: {
        acquisition_source: 'META_ADS',
        ad_id: implantsAd,
        headline: 'Implantes dentales con carga inmediata',
        ctwa_clid: 'ARAg1oXRNK6jm0WT3G142Sj_outage',
        campaign_name: null,
        enrichment_status: 'failed',
      },
      enrichment: { attempts: 1, next_attempt_at: expect.any(String) },
    });
  });

  it('still counts the lead, under an unknown campaign', async () => {
    const token = await server.adminToken('arrayan', 'ceo');
    const stats = await server.client.marketingStats(token);

    expect(stats.campaigns).toEqual([
      {
        campaign_id: null,
        campaign_name: null,
        ad_id: implantsAd,
        ad_name: null,
        leads: 1,
        booked_patients: 0,
        appointments: 0,
        conversion_rate: 0,
      },
    ]);
  });

  it('reports the Meta checks as failing with HTTP 503', async () => {
    const token = await server.adminToken('arrayan', 'ceo');
    const { status, body } = await server.client.call('/admin/health/integrations', token);

    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'fail',
      checks: {
        'database:responseTime': [{ status: 'pass' }],
        'redis:responseTime': [{ status: 'pass' }],
      },
    });
  });
});
