import {
  applyFirstTouch,
  createEnrichmentQueue,
  type EnrichmentOutcome,
  normalizeReferral,
} from '@ctwa/attribution-core';
import { createMemoryAdCache } from '@ctwa/attribution-core/memory';
import { createPgAttributionStore, migrateAttribution } from '@ctwa/attribution-core/pg';
import { MetaAdsClient } from '@ctwa/meta-ads-client';
import {
  createGraphDispatcher,
  type FakeAd,
  graphErrorHandler,
  graphErrors,
  graphHandlers,
} from '@ctwa/meta-ads-client/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../packages/attribution-core/test/support/fake-ad-source.js';
import { createPgliteDatabase, type TestDatabase } from './support/databases.js';

// Loopback on a closed port: the dispatcher answers in-process, and nothing may leave the machine.
const baseUrl = 'http://127.0.0.1:9';

const ads: FakeAd[] = [
  {
    id: '120214583920175512',
    name: 'Implantes - carga inmediata - imagen',
    effective_status: 'ACTIVE',
    campaign: { id: '120214583920170001', name: 'Implantes Palermo - Mensajes' },
    adset: { id: '120214583920172001', name: 'CABA 30-65' },
  },
  {
    id: '120217364501928374',
    name: 'Blanqueamiento Status',
    effective_status: 'DELETED',
    campaign: { id: '120217364501920001', name: 'Whitening Miami' },
    adset: { id: '120217364501922001', name: 'Miami 25-55' },
  },
];

describe('enrichment with MetaAdsClient as the ad source', () => {
  let database: TestDatabase;
  const clock = createTestClock();

  beforeEach(async () => {
    database = await createPgliteDatabase();
    await migrateAttribution(database.db);
    await database.query(`INSERT INTO tenants (id, name) VALUES ('arrayan', 'Arrayán')`);
  });
  afterEach(async () => {
    await database.close();
  });

  async function leads(adIds: readonly string[]) {
    const store = createPgAttributionStore(database.db);
    const jobs = [];
    for (const [index, adId] of adIds.entries()) {
      const rows = await database.query<{ id: string }>(
        `INSERT INTO patients (tenant_id, phone) VALUES ('arrayan', $1) RETURNING id::text AS id`,
        [`+54911555001${String(index).padStart(2, '0')}`],
      );
      const patientId = rows[0]?.id ?? '';
      const referral = normalizeReferral({ ad_id: adId, headline: 'Del anuncio' });
      if (referral === null) throw new Error('referral did not normalize');
      await applyFirstTouch(store, {
        tenantId: 'arrayan',
        patientId,
        referral,
        receivedAt: clock.now(),
      });
      jobs.push({ tenantId: 'arrayan', patientId, adId });
    }
    return { store, jobs };
  }

  function client(handlers: Parameters<typeof createGraphDispatcher>[0]) {
    const dispatcher = createGraphDispatcher(handlers);
    const metaAdsClient = new MetaAdsClient({
      accessToken: 'test-token',
      baseUrl,
      dispatcher,
      maxRetries: 0,
    });
    return { metaAdsClient, dispatcher };
  }

  it('enriches a batch in one ?ids= request, a deleted ad included, and marks a missing ad not found', async () => {
    const { store, jobs } = await leads([
      '120214583920175512',
      '120217364501928374',
      '120214583920179999',
    ]);
    const { metaAdsClient, dispatcher } = client(graphHandlers({ ads, baseUrl }));
    const outcomes: EnrichmentOutcome[] = [];
    const queue = createEnrichmentQueue(
      { store, cache: createMemoryAdCache({ clock }), source: metaAdsClient, clock },
      { onOutcome: (outcome) => outcomes.push(outcome) },
    );
    for (const job of jobs) queue.enqueue(job);
    await queue.close();

    expect(outcomes.map((o) => [o.adId, o.status])).toEqual([
      ['120214583920175512', 'done'],
      ['120217364501928374', 'done'],
      ['120214583920179999', 'not_found'],
    ]);
    expect(dispatcher.calls[0]?.url).toContain(
      'ids=120214583920175512,120217364501928374,120214583920179999',
    );
    const rows = await database.query(
      `SELECT meta_ad_name, meta_campaign_name, meta_ad_headline, meta_enrichment_status
       FROM patients ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        meta_ad_name: 'Implantes - carga inmediata - imagen',
        meta_campaign_name: 'Implantes Palermo - Mensajes',
        meta_ad_headline: 'Del anuncio',
        meta_enrichment_status: 'done',
      },
      {
        meta_ad_name: 'Blanqueamiento Status',
        meta_campaign_name: 'Whitening Miami',
        meta_ad_headline: 'Del anuncio',
        meta_enrichment_status: 'done',
      },
      {
        meta_ad_name: null,
        meta_campaign_name: null,
        meta_ad_headline: 'Del anuncio',
        meta_enrichment_status: 'not_found',
      },
    ]);
  });

  it("waits out a business-use-case throttle for as long as Graph's usage header says", async () => {
    const { store, jobs } = await leads(['120214583920175512']);
    const { metaAdsClient } = client([
      graphErrorHandler(graphErrors.rateLimit({ code: 80004, regainMinutes: 14 }), { baseUrl }),
    ]);
    const outcomes: EnrichmentOutcome[] = [];
    const queue = createEnrichmentQueue(
      { store, cache: createMemoryAdCache({ clock }), source: metaAdsClient, clock },
      { onOutcome: (outcome) => outcomes.push(outcome) },
    );
    queue.enqueue(jobs[0] ?? { tenantId: '', patientId: '', adId: '' });
    await queue.close();

    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      status: 'failed',
      nextAttemptAt: new Date(clock.now().getTime() + 14 * 60_000),
    });
    expect(outcomes[0]?.status === 'failed' && outcomes[0].error).toMatch(/^MetaRateLimitError: /);
  });

  it('records an expired token as a failure retried no sooner than an hour, keeping the lead', async () => {
    const { store, jobs } = await leads(['120214583920175512']);
    const { metaAdsClient } = client([graphErrorHandler(graphErrors.auth(463), { baseUrl })]);
    const outcomes: EnrichmentOutcome[] = [];
    const queue = createEnrichmentQueue(
      { store, cache: createMemoryAdCache({ clock }), source: metaAdsClient, clock },
      { onOutcome: (outcome) => outcomes.push(outcome) },
    );
    queue.enqueue(jobs[0] ?? { tenantId: '', patientId: '', adId: '' });
    await queue.close();

    expect(outcomes[0]).toMatchObject({
      status: 'failed',
      nextAttemptAt: new Date(clock.now().getTime() + 3_600_000),
    });
    const rows = await database.query(
      'SELECT acquisition_source, meta_ad_id, meta_enrichment_error FROM patients',
    );
    expect(rows[0]).toMatchObject({
      acquisition_source: 'META_ADS',
      meta_ad_id: '120214583920175512',
    });
    expect(JSON.stringify(rows)).not.toContain('test-token');
  });
});
