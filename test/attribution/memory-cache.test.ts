import { createMemoryAdCache } from '@ctwa/attribution-core/memory';
import { describe, expect, it } from 'vitest';
import {
  createTestClock,
  implantsAd,
} from '../../packages/attribution-core/test/support/fake-ad-source.js';
import { describeCacheContract } from './cache-contract.js';

describeCacheContract('memory LRU', async () => {
  const clock = createTestClock();
  return {
    cache: createMemoryAdCache({ clock }),
    elapse: async (seconds) => clock.advance(seconds * 1000),
    close: async () => undefined,
  };
});

describe('createMemoryAdCache', () => {
  it('evicts the least recently used ad beyond max', async () => {
    const cache = createMemoryAdCache({ max: 2 });
    const ad = (adId: string) => ({ ...implantsAd, adId });
    await cache.set('1', ad('1'), 60);
    await cache.set('2', ad('2'), 60);
    await cache.get('1');
    await cache.set('3', ad('3'), 60);
    expect(await cache.get('2')).toBeNull();
    expect(await cache.get('1')).toEqual(ad('1'));
    expect(await cache.get('3')).toEqual(ad('3'));
  });

  it('hands out copies, so a caller cannot change what is cached', async () => {
    const cache = createMemoryAdCache();
    await cache.set(implantsAd.adId, implantsAd, 60);
    const copy = await cache.get(implantsAd.adId);
    if (copy !== null && 'adName' in copy) copy.adName = 'mutated';
    expect(await cache.get(implantsAd.adId)).toEqual(implantsAd);
  });
});
