import { LRUCache } from 'lru-cache';
import { systemClock } from '../internal/noop-logger.js';
import type { AdCache, CachedAd, Clock } from '../ports.js';

/** Options of `createMemoryAdCache`. */
export interface MemoryAdCacheOptions {
  /** Most ads kept; the least recently used go first. Default 10000. */
  max?: number | undefined;
  clock?: Clock | undefined;
}

/**
 * An in-process `AdCache` (LRU with per-entry TTL), for a single process or when there is no
 * Redis. Entries are copied in and out, so callers cannot mutate what is cached.
 *
 * @example
 * const cache = createMemoryAdCache({ max: 5000 });
 */
export function createMemoryAdCache(options: MemoryAdCacheOptions = {}): AdCache {
  const clock = options.clock ?? systemClock;
  const entries = new LRUCache<string, CachedAd>({
    max: options.max ?? 10_000,
    ttlAutopurge: false,
    // Read the injected clock on every check, so a test that advances it sees expiry at once.
    ttlResolution: 0,
    perf: { now: () => clock.now().getTime() },
  });

  return {
    async get(adId) {
      const entry = entries.get(adId);
      return entry === undefined ? null : { ...entry };
    },
    async set(adId, value, ttlSeconds) {
      entries.set(adId, { ...value }, { ttl: Math.max(1, ttlSeconds * 1000) });
    },
  };
}
