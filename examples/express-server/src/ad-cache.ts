import type { AdCache } from '@ctwa/attribution-core';
import { createMemoryAdCache } from '@ctwa/attribution-core/memory';
import { createRedisAdCache } from '@ctwa/attribution-core/redis';
import { Redis } from 'ioredis';

/** An open ad cache, a probe for health checks, and how to close it. */
export interface OpenAdCache {
  cache: AdCache;
  kind: 'redis' | 'memory';
  probe(): Promise<unknown>;
  close(): Promise<void>;
}

/** Opens the Redis ad cache when a URL is given, else an in-memory LRU. */
export function openAdCache(options: {
  redisUrl: string | null;
  keyPrefix?: string;
  /** Connection errors; ioredis keeps reconnecting meanwhile. */
  onError?: (error: Error) => void;
}): OpenAdCache {
  if (options.redisUrl === null) {
    return {
      cache: createMemoryAdCache(),
      kind: 'memory',
      probe: async () => undefined,
      close: async () => undefined,
    };
  }

  // A bounded retry count makes a Redis outage fail cache calls quickly instead of queueing
  // them until Redis returns.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', (error: Error) => options.onError?.(error));
  return {
    cache: createRedisAdCache(redis, options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    kind: 'redis',
    probe: () => redis.ping(),
    close: async () => {
      await redis.quit();
    },
  };
}
