import { cachedAdSchema } from '../internal/ad-details-schema.js';
import type { AdCache, CachedAd } from '../ports.js';

/** The ioredis methods the cache uses; an ioredis `Redis` or `Cluster` satisfies it. */
export interface RedisClientLike {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, expiryMode: 'EX', seconds: number): Promise<unknown>;
}

/** Options of `createRedisAdCache`. */
export interface RedisAdCacheOptions {
  /** Prepended to every key, e.g. `'clinic-a:'` gives `clinic-a:meta:ad:{adId}`. Default `''`. */
  keyPrefix?: string | undefined;
}

/**
 * An `AdCache` in Redis: one JSON string per ad under `meta:ad:{adId}`, expiring after the TTL the
 * enrichment asks for. An entry that no longer parses is treated as a miss, never trusted.
 *
 * @example
 * const cache = createRedisAdCache(new Redis(process.env.REDIS_URL));
 */
export function createRedisAdCache(
  redis: RedisClientLike,
  options: RedisAdCacheOptions = {},
): AdCache {
  const keyOf = (adId: string) => `${options.keyPrefix ?? ''}meta:ad:${adId}`;

  return {
    async get(adId) {
      const raw = await redis.get(keyOf(adId));
      return raw === null ? null : parseEntry(raw, adId);
    },
    async set(adId, value, ttlSeconds) {
      const seconds = Math.max(1, Math.ceil(ttlSeconds));
      await redis.set(keyOf(adId), JSON.stringify(value), 'EX', seconds);
    },
  };
}

function parseEntry(raw: string, adId: string): CachedAd | null {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = cachedAdSchema.safeParse(json);
  return parsed.success && parsed.data.adId === adId ? parsed.data : null;
}
