import type { AdCache } from '@ctwa/attribution-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { implantsAd } from '../../packages/attribution-core/test/support/fake-ad-source.js';

/** A cache under test plus a way to make time pass for it. */
export interface CacheHarness {
  cache: AdCache;
  /** Lets `seconds` elapse as far as expiry is concerned. */
  elapse(seconds: number): Promise<void>;
  close(): Promise<void>;
}

/** One set of assertions for every AdCache adapter. */
export function describeCacheContract(name: string, createHarness: () => Promise<CacheHarness>) {
  describe(`AdCache contract (${name})`, () => {
    let harness: CacheHarness;
    beforeAll(async () => {
      harness = await createHarness();
    });
    afterAll(async () => {
      await harness.close();
    });

    it('misses an ad it never saw', async () => {
      expect(await harness.cache.get('120214583920100001')).toBeNull();
    });

    it('returns exactly what was set, ids as strings', async () => {
      await harness.cache.set(implantsAd.adId, implantsAd, 60);
      expect(await harness.cache.get(implantsAd.adId)).toEqual(implantsAd);
    });

    it('keeps the negative-cache marker apart from details', async () => {
      await harness.cache.set(
        '120214583920179999',
        { adId: '120214583920179999', notFound: true },
        60,
      );
      expect(await harness.cache.get('120214583920179999')).toEqual({
        adId: '120214583920179999',
        notFound: true,
      });
    });

    it('keeps entries with null fields', async () => {
      const sparse = {
        ...implantsAd,
        adId: '120214583920100002',
        campaignId: null,
        campaignName: null,
      };
      await harness.cache.set(sparse.adId, sparse, 60);
      expect(await harness.cache.get(sparse.adId)).toEqual(sparse);
    });

    it('expires an entry after its TTL', async () => {
      const ad = { ...implantsAd, adId: '120214583920100003' };
      await harness.cache.set(ad.adId, ad, 2);
      expect(await harness.cache.get(ad.adId)).toEqual(ad);
      await harness.elapse(3);
      expect(await harness.cache.get(ad.adId)).toBeNull();
    });

    it('replaces an entry on a second set', async () => {
      const ad = { ...implantsAd, adId: '120214583920100004' };
      await harness.cache.set(ad.adId, ad, 60);
      await harness.cache.set(ad.adId, { ...ad, adName: 'Renamed' }, 60);
      expect((await harness.cache.get(ad.adId)) as { adName: string }).toMatchObject({
        adName: 'Renamed',
      });
    });
  });
}
