import { randomBytes } from 'node:crypto';
import { enrichAttribution } from '@ctwa/attribution-core';
import { createMemoryAttributionStore } from '@ctwa/attribution-core/memory';
import { createRedisAdCache } from '@ctwa/attribution-core/redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeAdSource,
  implantsAd,
} from '../../packages/attribution-core/test/support/fake-ad-source.js';
import { describeCacheContract } from './cache-contract.js';

const REDIS_TEST_URL = process.env.REDIS_TEST_URL ?? 'redis://127.0.0.1:6379';

function connect() {
  return new Redis(REDIS_TEST_URL, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Deletes every key under the prefix; SCAN, because KEYS would block a shared server. */
async function removePrefix(redis: Redis, prefix: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/**
 * Redis cannot travel in time, so elapsing shortens every key's remaining TTL instead, which is
 * what the passage of time looks like from the cache's side.
 */
async function elapse(redis: Redis, prefix: string, seconds: number) {
  const [, keys] = await redis.scan('0', 'MATCH', `${prefix}*`, 'COUNT', 1000);
  for (const key of keys) {
    const remaining = await redis.pttl(key);
    if (remaining < 0) continue;
    const left = remaining - seconds * 1000;
    if (left <= 0) await redis.del(key);
    else await redis.pexpire(key, left);
  }
}

describeCacheContract('Redis', async () => {
  const redis = connect();
  const prefix = `test:attr:${randomBytes(4).toString('hex')}:`;
  return {
    cache: createRedisAdCache(redis, { keyPrefix: prefix }),
    elapse: (seconds) => elapse(redis, prefix, seconds),
    async close() {
      await removePrefix(redis, prefix);
      await redis.quit();
    },
  };
});

describe('createRedisAdCache', () => {
  const redis = connect();
  const prefix = `test:attr:${randomBytes(4).toString('hex')}:`;
  const cache = createRedisAdCache(redis, { keyPrefix: prefix });

  beforeAll(async () => {
    await redis.ping();
  });
  afterAll(async () => {
    await removePrefix(redis, prefix);
    await redis.quit();
  });

  it('stores one JSON string under {prefix}meta:ad:{adId} with the TTL in seconds', async () => {
    await cache.set(implantsAd.adId, implantsAd, 172_800);
    const key = `${prefix}meta:ad:${implantsAd.adId}`;
    expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual(implantsAd);
    expect(await redis.ttl(key)).toBeGreaterThan(172_790);
    expect(await redis.ttl(key)).toBeLessThanOrEqual(172_800);
  });

  it('caches with the 48 h default TTL when enrichment fills it', async () => {
    const store = createMemoryAttributionStore();
    const source = createFakeAdSource([{ ...implantsAd, adId: '120214583920100010' }]);
    await enrichAttribution(
      { store, cache, source },
      { tenantId: 't', patientId: '1', adId: '120214583920100010' },
    );
    expect(await redis.ttl(`${prefix}meta:ad:120214583920100010`)).toBeGreaterThan(172_790);
  });

  it('treats an entry that no longer parses, or belongs to another ad, as a miss', async () => {
    await redis.set(`${prefix}meta:ad:1`, '{"adId":"1","campaignId":42}');
    await redis.set(`${prefix}meta:ad:2`, 'not json');
    await redis.set(`${prefix}meta:ad:3`, JSON.stringify(implantsAd));
    expect(await cache.get('1')).toBeNull();
    expect(await cache.get('2')).toBeNull();
    expect(await cache.get('3')).toBeNull();
  });

  it('keeps an 18-digit id exact through JSON', async () => {
    const ad = { ...implantsAd, adId: '120214583920175519', campaignId: '120214583920179997' };
    await cache.set(ad.adId, ad, 60);
    expect(await cache.get(ad.adId)).toEqual(ad);
  });
});
