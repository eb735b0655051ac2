import type { EnrichmentDeps } from '../enrichment-deps.js';
import { DEFAULT_CACHE_TTL_SECONDS, DEFAULT_NOT_FOUND_TTL_SECONDS } from '../enrichment-deps.js';
import { isAdNotFoundError } from '../enrichment-retry.js';
import type { AdDetails } from '../ports.js';
import { adDetailsSchema, isAdNotFound, pickAdDetails } from './ad-details-schema.js';
import { noopLogger } from './noop-logger.js';

/** What is known about one ad after the cache and, on a miss, the source were asked. */
export type AdResolution =
  | { kind: 'found'; details: AdDetails; fromCache: boolean }
  | { kind: 'not_found'; fromCache: boolean }
  | { kind: 'failed'; error: unknown }
  | { kind: 'unavailable' };

/** Graph accepts at most 50 ids in one `?ids=` request. */
export const MAX_IDS_PER_CALL = 50;

/**
 * Resolves each ad through the cache, then asks the source for all misses at once (in calls of
 * at most 50 ids), caching what it learns. Never throws: every failure becomes a resolution.
 */
export async function resolveAds(
  deps: EnrichmentDeps,
  adIds: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, AdResolution>> {
  const unique = [...new Set(adIds)];
  const resolutions = await readCache(deps, unique);
  const misses = unique.filter((adId) => !resolutions.has(adId));
  if (misses.length === 0) return resolutions;

  if (deps.source === null) {
    for (const adId of misses) resolutions.set(adId, { kind: 'unavailable' });
    return resolutions;
  }
  for (let start = 0; start < misses.length; start += MAX_IDS_PER_CALL) {
    const chunk = misses.slice(start, start + MAX_IDS_PER_CALL);
    const fetched = await fetchFromSource(deps, chunk, signal);
    for (const [adId, resolution] of fetched) resolutions.set(adId, resolution);
  }
  return resolutions;
}

async function readCache(deps: EnrichmentDeps, adIds: readonly string[]) {
  const resolutions = new Map<string, AdResolution>();
  const entries = await Promise.all(
    adIds.map(async (adId) => {
      try {
        return [adId, await deps.cache.get(adId)] as const;
      } catch (error) {
        // A cache outage costs a Graph call, never an attribution.
        (deps.logger ?? noopLogger).warn({ adId, err: error }, 'ad cache read failed');
        return [adId, null] as const;
      }
    }),
  );
  for (const [adId, cached] of entries) {
    if (cached === null) continue;
    resolutions.set(
      adId,
      isAdNotFound(cached)
        ? { kind: 'not_found', fromCache: true }
        : { kind: 'found', details: cached, fromCache: true },
    );
  }
  return resolutions;
}

async function fetchFromSource(
  deps: EnrichmentDeps,
  adIds: readonly string[],
  signal: AbortSignal | undefined,
) {
  const resolutions = new Map<string, AdResolution>();
  let results: ReadonlyMap<string, AdDetails | Error>;
  try {
    const options = signal === undefined ? undefined : { signal };
    results = (await deps.source?.getAdsDetails(adIds, options)) ?? new Map();
  } catch (error) {
    for (const adId of adIds) resolutions.set(adId, { kind: 'failed', error });
    return resolutions;
  }

  await Promise.all(
    adIds.map(async (adId) => {
      resolutions.set(adId, await classifyResult(deps, adId, results.get(adId)));
    }),
  );
  return resolutions;
}

async function classifyResult(
  deps: EnrichmentDeps,
  adId: string,
  result: AdDetails | Error | undefined,
): Promise<AdResolution> {
  if (result === undefined) {
    return { kind: 'failed', error: new Error(`The ad source returned no result for ad ${adId}.`) };
  }
  if (result instanceof Error) {
    if (!isAdNotFoundError(result)) return { kind: 'failed', error: result };
    const ttl = deps.notFoundCacheTtlSeconds ?? DEFAULT_NOT_FOUND_TTL_SECONDS;
    await writeCache(deps, adId, { adId, notFound: true }, ttl);
    return { kind: 'not_found', fromCache: false };
  }

  const parsed = adDetailsSchema.safeParse(result);
  if (!parsed.success || parsed.data.adId !== adId) {
    const error = new Error(`The ad source returned malformed details for ad ${adId}.`);
    return { kind: 'failed', error };
  }
  const details = pickAdDetails(parsed.data);
  await writeCache(deps, adId, details, deps.cacheTtlSeconds ?? DEFAULT_CACHE_TTL_SECONDS);
  return { kind: 'found', details, fromCache: false };
}

async function writeCache(
  deps: EnrichmentDeps,
  adId: string,
  value: Parameters<EnrichmentDeps['cache']['set']>[1],
  ttlSeconds: number,
): Promise<void> {
  try {
    await deps.cache.set(adId, value, ttlSeconds);
  } catch (error) {
    (deps.logger ?? noopLogger).warn({ adId, err: error }, 'ad cache write failed');
  }
}
