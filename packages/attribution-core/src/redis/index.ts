// Redis adapter of the ad cache (ioredis).
export type { RedisAdCacheOptions, RedisClientLike } from './redis-ad-cache.js';
export { createRedisAdCache } from './redis-ad-cache.js';
