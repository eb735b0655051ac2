import type { EnrichmentRetryPolicy } from './enrichment-retry.js';
import type {
  AdCache,
  AdDetails,
  AdDetailsSource,
  AttributionStore,
  Clock,
  Logger,
} from './ports.js';

/** Everything enrichment needs, injected. */
export interface EnrichmentDeps {
  store: AttributionStore;
  cache: AdCache;
  /** `null` turns Graph calls off (no token configured); cache hits still enrich. */
  source: AdDetailsSource | null;
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** Seconds an ad's details stay cached. Default 172800 (48 h), as `META_CACHE_TTL`. */
  cacheTtlSeconds?: number | undefined;
  /** Seconds a not-found ad stays negatively cached. Default 900 (15 min). */
  notFoundCacheTtlSeconds?: number | undefined;
  /** Back-off for failed attempts; fields left out keep their defaults. */
  retryPolicy?: Partial<EnrichmentRetryPolicy> | undefined;
}

/** The result of one patient's enrichment. Graph failures are outcomes, never exceptions. */
export type EnrichmentOutcome =
  | (EnrichmentOutcomeBase & { status: 'done'; details: AdDetails; fromCache: boolean })
  | (EnrichmentOutcomeBase & { status: 'not_found'; fromCache: boolean })
  | (EnrichmentOutcomeBase & { status: 'failed'; error: string; nextAttemptAt: Date | null })
  | (EnrichmentOutcomeBase & { status: 'skipped'; reason: EnrichmentSkipReason });

/**
 * `no_source`: a cache miss with Graph calls off. `row_changed`: the row no longer waits for this
 * result (it carries another ad, or another worker already finished it); nothing was written.
 */
export type EnrichmentSkipReason = 'no_source' | 'row_changed';

/** Fields every enrichment outcome carries, to correlate it with the patient and the ad. */
export interface EnrichmentOutcomeBase {
  tenantId: string;
  patientId: string;
  adId: string;
}

/** 48 h, the `META_CACHE_TTL` default. */
export const DEFAULT_CACHE_TTL_SECONDS = 172_800;
/** Short, so an ad made visible to the token is picked up again soon. */
export const DEFAULT_NOT_FOUND_TTL_SECONDS = 900;
