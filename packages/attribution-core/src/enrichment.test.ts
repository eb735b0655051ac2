import { describe, expect, it } from 'vitest';
import {
  createFakeAdSource,
  createTestClock,
  implantsAd,
  NamedError,
} from '../test/support/fake-ad-source.js';
import { enrichAttribution } from './enrichment.js';
import { applyFirstTouch } from './first-touch.js';
import { createMemoryAdCache, createMemoryAttributionStore } from './memory/index.js';
import type { AdCache } from './ports.js';
import { normalizeReferral } from './referral/normalize.js';

const tenantId = 'arrayan';

async function setup(adId = implantsAd.adId) {
  const clock = createTestClock();
  const store = createMemoryAttributionStore();
  const cache = createMemoryAdCache({ clock });
  const source = createFakeAdSource([implantsAd]);
  const patientId = store.addPatient({ tenantId, phone: '+5491155500142' });
  const referral = normalizeReferral({
    ad_id: adId,
    headline: 'Implantes',
    body: 'Texto del anuncio',
  });
  if (referral === null) throw new Error('referral did not normalize');
  await applyFirstTouch(store, { tenantId, patientId, referral, receivedAt: clock.now() });
  const deps = { store, cache, source, clock };
  return { clock, store, cache, source, patientId, deps, job: { tenantId, patientId, adId } };
}

describe('enrichAttribution', () => {
  it('fetches a missed ad, caches it for 48 h and fills names without touching headline and body', async () => {
    const { deps, job, store, cache, source, patientId, clock } = await setup();
    const outcome = await enrichAttribution(deps, job);

    expect(outcome).toEqual({ ...job, status: 'done', details: implantsAd, fromCache: false });
    expect(source.calls).toEqual([[implantsAd.adId]]);
    expect(store.getPatient(tenantId, patientId)).toMatchObject({
      metaAdHeadline: 'Implantes',
      metaAdBody: 'Texto del anuncio',
      metaCampaignId: '120214583920170001',
      metaCampaignName: 'Implantes Palermo - Mensajes',
      metaAdsetName: 'CABA 30-65',
      metaAdName: 'Implantes - carga inmediata - imagen',
      enrichmentStatus: 'done',
      enrichmentAttempts: 1,
      enrichmentError: null,
    });
    clock.advance(172_799_000);
    expect(await cache.get(implantsAd.adId)).toEqual(implantsAd);
    clock.advance(2_000);
    expect(await cache.get(implantsAd.adId)).toBeNull();
  });

  it('answers from the cache without calling the source', async () => {
    const { deps, job, cache, source } = await setup();
    await cache.set(implantsAd.adId, implantsAd, 60);
    const outcome = await enrichAttribution(deps, job);
    expect(outcome).toMatchObject({ status: 'done', fromCache: true });
    expect(source.calls).toEqual([]);
  });

  it('enriches from the cache even with no source configured', async () => {
    const { deps, job, cache } = await setup();
    await cache.set(implantsAd.adId, implantsAd, 60);
    expect(await enrichAttribution({ ...deps, source: null }, job)).toMatchObject({
      status: 'done',
    });
  });

  it('skips without touching the row when there is no source and no cache entry', async () => {
    const { deps, job, store, patientId } = await setup();
    const outcome = await enrichAttribution({ ...deps, source: null }, job);
    expect(outcome).toEqual({ ...job, status: 'skipped', reason: 'no_source' });
    expect(store.getPatient(tenantId, patientId)?.enrichmentStatus).toBe('pending');
  });

  it('records a not-found ad and caches that for 15 minutes', async () => {
    const { deps, store, cache, source, patientId, clock } = await setup('120214583920179999');
    const job = { tenantId, patientId, adId: '120214583920179999' };
    expect(await enrichAttribution(deps, job)).toEqual({
      ...job,
      status: 'not_found',
      fromCache: false,
    });
    expect(store.getPatient(tenantId, patientId)).toMatchObject({
      enrichmentStatus: 'not_found',
      enrichmentNextAt: null,
      enrichmentAttempts: 1,
    });
    expect(await cache.get('120214583920179999')).toEqual({
      adId: '120214583920179999',
      notFound: true,
    });
    expect(await enrichAttribution(deps, job)).toMatchObject({
      status: 'not_found',
      fromCache: true,
    });
    expect(source.calls).toHaveLength(1);
    clock.advance(900_001);
    expect(await cache.get('120214583920179999')).toBeNull();
  });

  it('records a Graph failure with the next attempt time, never throwing and never caching it', async () => {
    const { deps, job, store, cache, source, patientId, clock } = await setup();
    source.answers.set(
      implantsAd.adId,
      new NamedError('MetaTransientError', 'Service unavailable (code 2)'),
    );
    const outcome = await enrichAttribution(deps, job);

    const nextAttemptAt = new Date(clock.now().getTime() + 60_000);
    expect(outcome).toEqual({
      ...job,
      status: 'failed',
      error: 'MetaTransientError: Service unavailable (code 2)',
      nextAttemptAt,
    });
    expect(store.getPatient(tenantId, patientId)).toMatchObject({
      metaAdId: implantsAd.adId,
      metaAdHeadline: 'Implantes',
      enrichmentStatus: 'failed',
      enrichmentAttempts: 1,
      enrichmentNextAt: nextAttemptAt,
      enrichmentError: 'MetaTransientError: Service unavailable (code 2)',
    });
    expect(await cache.get(implantsAd.adId)).toBeNull();
  });

  it('records a whole-call outage as a failure of the job', async () => {
    const { deps, job, source } = await setup();
    source.outage = new NamedError('MetaNetworkError', 'connect ECONNREFUSED 127.0.0.1:9');
    expect(await enrichAttribution(deps, job)).toMatchObject({
      status: 'failed',
      error: 'MetaNetworkError: connect ECONNREFUSED 127.0.0.1:9',
    });
  });

  it('rejects malformed details from the source and caches nothing', async () => {
    const { deps, job, source, cache } = await setup();
    source.answers.set(implantsAd.adId, { ...implantsAd, campaignId: 42 } as never);
    expect(await enrichAttribution(deps, job)).toMatchObject({
      status: 'failed',
      error: `Error: The ad source returned malformed details for ad ${implantsAd.adId}.`,
    });
    expect(await cache.get(implantsAd.adId)).toBeNull();
  });

  it('keeps known names when Graph omits them (COALESCE)', async () => {
    const { deps, job, store, patientId, source } = await setup();
    await enrichAttribution(deps, job);
    source.answers.set(implantsAd.adId, { ...implantsAd, campaignName: null, adsetName: null });
    await enrichAttribution({ ...deps, cache: createMemoryAdCache() }, job);
    expect(store.getPatient(tenantId, patientId)).toMatchObject({
      metaCampaignName: 'Implantes Palermo - Mensajes',
      metaAdsetName: 'CABA 30-65',
      enrichmentAttempts: 2,
    });
  });

  it('treats a failing cache as a miss and still enriches', async () => {
    const { deps, job } = await setup();
    const broken: AdCache = {
      get: async () => {
        throw new Error('ECONNREFUSED');
      },
      set: async () => {
        throw new Error('ECONNREFUSED');
      },
    };
    const warnings: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (_data: Record<string, unknown>, message: string) => warnings.push(message),
      error: () => undefined,
    };
    expect(await enrichAttribution({ ...deps, cache: broken, logger }, job)).toMatchObject({
      status: 'done',
    });
    expect(warnings).toEqual(['ad cache read failed', 'ad cache write failed']);
  });

  it('skips, writing nothing, when the patient row no longer carries the ad', async () => {
    const { deps, job, source, store, patientId } = await setup();
    source.answers.set('120214583920176044', { ...implantsAd, adId: '120214583920176044' });
    const outcome = await enrichAttribution(deps, { ...job, adId: '120214583920176044' });
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'row_changed' });
    const missing = await enrichAttribution(deps, { ...job, adId: '120214583920179999' });
    expect(missing).toMatchObject({ status: 'skipped', reason: 'row_changed' });
    expect(store.getPatient(tenantId, patientId)).toMatchObject({
      enrichmentStatus: 'pending',
      enrichmentAttempts: 0,
    });
  });

  it('never downgrades a finished row when a late failure arrives', async () => {
    const { deps, job, source, store, patientId } = await setup();
    await enrichAttribution(deps, job);
    source.answers.set(implantsAd.adId, new NamedError('MetaTransientError', 'late'));
    const outcome = await enrichAttribution({ ...deps, cache: createMemoryAdCache() }, job);
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'row_changed' });
    expect(store.getPatient(tenantId, patientId)?.enrichmentStatus).toBe('done');
  });

  it('names the missing field of a bad job', async () => {
    const { deps, job } = await setup();
    await expect(enrichAttribution(deps, { ...job, adId: '' })).rejects.toMatchObject({
      field: 'adId',
    });
  });
});
