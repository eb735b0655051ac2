import { graphHandlers } from '@ctwa/meta-ads-client/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAds } from '../../examples/express-server/src/demo/ads.js';
import type { ChatReply, StatsReply } from '../../examples/express-server/src/demo/http-client.js';
import { loadDemoScenario } from '../../examples/express-server/src/demo/scenario.js';
import { bookAppointment } from '../../examples/express-server/src/host/patients.js';
import {
  graphApiVersion,
  graphBaseUrl,
  startTestServer,
  type TestServer,
} from './support/test-server.js';

const fixturesDir = new URL('../../examples/express-server/fixtures/', import.meta.url);
const implantsAd = '120214583920175512';
const orthodonticsAd = '120214583920176044';
const alignersAd = '120209871236541125';

function byAdId(stats: StatsReply) {
  return Object.fromEntries(stats.campaigns.map((row) => [row.ad_id, row]));
}

describe('reference server, demo flow end to end', () => {
  let server: TestServer;
  const replies: { tenantId: string; phone: string; reply: ChatReply }[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      name: 'demo_flow',
      graph: graphHandlers({ ads: demoAds, baseUrl: graphBaseUrl, apiVersion: graphApiVersion }),
    });
    for (const step of await loadDemoScenario(fixturesDir)) {
      for (const message of step.messages) {
        const reply = await server.client.postChat(server.chatToken, {
          tenant_id: step.tenantId,
          ...message,
        });
        replies.push({ tenantId: step.tenantId, phone: message.phone, reply });
      }
    }
    const lucia = replies[0]?.reply.patient_id ?? '';
    const valentina = replies[2]?.reply.patient_id ?? '';
    const at = new Date('2026-12-10T14:00:00Z');
    await bookAppointment(server.db, { tenantId: 'arrayan', patientId: lucia, at });
    await bookAppointment(server.db, {
      tenantId: 'arrayan',
      patientId: valentina,
      at,
      status: 'cancelled',
    });
    await server.settleEnrichment();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers each chat message with its first-touch outcome and ad id', () => {
    expect(
      replies.map(({ tenantId, reply }) => [
        tenantId,
        reply.first_touch,
        reply.ad_touch,
        reply.attribution?.ad_id,
      ]),
    ).toEqual([
      ['arrayan', 'attributed', true, implantsAd],
      ['arrayan', 'none', false, implantsAd],
      ['arrayan', 'attributed', true, orthodonticsAd],
      ['sorriso-moema', 'attributed', true, alignersAd],
      ['sorriso-moema', 'attributed', true, implantsAd],
    ]);
  });

  it("reports exact leads and appointments for tenant A, with Graph's campaign names", async () => {
    const token = await server.adminToken('arrayan', 'secretary');
    const stats = await server.client.marketingStats(token);

    expect(stats.summary).toEqual({
      leads: 2,
      booked_patients: 1,
      appointments: 1,
      conversion_rate: 0.5,
    });
    expect(byAdId(stats)).toEqual({
      [implantsAd]: {
        campaign_id: '120214583920175501',
        campaign_name: 'Implantes dentales - Mensajes WhatsApp - CABA',
        ad_id: implantsAd,
        ad_name: 'AR | Implantes | Img 1:1 | Dic',
        leads: 1,
        booked_patients: 1,
        appointments: 1,
        conversion_rate: 1,
      },
      [orthodonticsAd]: {
        campaign_id: '120214583920176001',
        campaign_name: 'Ortodoncia invisible - Mensajes - AMBA',
        ad_id: orthodonticsAd,
        ad_name: 'AR | Ortodoncia invisible | Img 4:5',
        leads: 1,
        booked_patients: 0,
        appointments: 0,
        conversion_rate: 0,
      },
    });
  });

  it("never counts tenant B's lead on the same ad id in tenant A's report, and vice versa", async () => {
    const token = await server.adminToken('sorriso-moema', 'ceo');
    const stats = await server.client.marketingStats(token);

    expect(stats.summary).toEqual({
      leads: 2,
      booked_patients: 0,
      appointments: 0,
      conversion_rate: 0,
    });
    expect(Object.keys(byAdId(stats)).sort()).toEqual([alignersAd, implantsAd]);
    expect(byAdId(stats)[alignersAd]?.campaign_name).toBe(
      'Alinhadores invisíveis - Mensagens - SP',
    );
  });

  it("answers 404 when tenant A looks up tenant B's patient by phone", async () => {
    const token = await server.adminToken('arrayan', 'ceo');
    for (const { phone } of replies.filter((entry) => entry.tenantId === 'sorriso-moema')) {
      const path = `/admin/patients/phone/${encodeURIComponent(phone)}/context`;
      const { status } = await server.client.call(path, token);
      expect(status).toBe(404);
    }
  });

  it("answers 404 when tenant B looks up tenant A's patient by phone", async () => {
    const token = await server.adminToken('sorriso-moema', 'ceo');
    for (const { phone } of replies.filter((entry) => entry.tenantId === 'arrayan')) {
      const path = `/admin/patients/phone/${encodeURIComponent(phone)}/context`;
      const { status } = await server.client.call(path, token);
      expect(status).toBe(404);
    }
  });

  it('keeps the webhook headline and adds the enriched names to the patient context', async () => {
    const token = await server.adminToken('arrayan', 'professional');
    const { status, body } = await server.client.call(
      '/admin/patients/phone/5491155500142/context',
      token,
    );

    expect(status).toBe(200);
    expect(body).toMatchObject({
      phone: '+54*********42',
      attribution: {
        acquisition_source: 'META_ADS',
        ad_id: implantsAd,
        headline: 'Implantes dentales con carga inmediata',
        campaign_name: 'Implantes dentales - Mensajes WhatsApp - CABA',
        adset_name: 'CABA 35-65 | Salud bucal',
        enrichment_status: 'done',
      },
    });
  });

  it('caches the enriched ads in Redis under its key prefix', async () => {
    const keys = await server.redis.keys(`${server.redisKeyPrefix}meta:ad:*`);
    expect(keys.sort()).toEqual(
      [alignersAd, implantsAd, orthodonticsAd].map((id) => `${server.redisKeyPrefix}meta:ad:${id}`),
    );
  });
});
