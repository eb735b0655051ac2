// In-memory adapters: an LRU ad cache, and a store fake for tests of code built on this package.

export type { MemoryAdCacheOptions } from './memory-ad-cache.js';
export { createMemoryAdCache } from './memory-ad-cache.js';
export type {
  MemoryAttributionStore,
  MemoryPatientRow,
} from './memory-attribution-store.js';
export { createMemoryAttributionStore } from './memory-attribution-store.js';
