import type { AdReferral } from './referral/ad-referral.js';

/**
 * What the Marketing API knows about one ad. Fields Graph could not read are `null`.
 * Structurally identical to `AdDetails` of `@ctwa/meta-ads-client`, so its client plugs in as is.
 */
export interface AdDetails {
  adId: string;
  adName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  effectiveStatus: string | null;
}

/** The negative-cache entry: Graph said this ad does not exist (or is not visible to the token). */
export interface AdNotFound {
  adId: string;
  notFound: true;
}

/** A cached answer about an ad: its details, or the remembered fact that Graph could not find it. */
export type CachedAd = AdDetails | AdNotFound;

/**
 * Where ad details are cached between enrichments, keyed `meta:ad:{adId}` by the shipped adapters.
 * Adapters: `@ctwa/attribution-core/redis` (ioredis) and `@ctwa/attribution-core/memory` (LRU).
 */
export interface AdCache {
  /** Resolves `null` on a miss or an expired entry. */
  get(adId: string): Promise<CachedAd | null>;
  set(adId: string, value: CachedAd, ttlSeconds: number): Promise<void>;
}

/**
 * Where ad details come from on a cache miss. `MetaAdsClient` satisfies it structurally.
 *
 * Per-ad failures come back as `Error` values in the map and are classified by `name`:
 * `'MetaNotFoundError'` means the ad is gone; anything else is retried later, no sooner than a
 * numeric `retryAfterMs` property when the error carries one.
 */
export interface AdDetailsSource {
  /** `signal` aborts when the queue's `close()` deadline passes; a source may ignore it. */
  getAdsDetails(
    adIds: readonly string[],
    options?: { signal?: AbortSignal },
  ): Promise<ReadonlyMap<string, AdDetails | Error>>;
}

/** The wall clock, injected so that tests and replays control time. */
export interface Clock {
  now(): Date;
}

/** A pino-compatible logger subset. The package logs little: warnings and per-job debug lines. */
export interface Logger {
  debug(data: Record<string, unknown>, message: string): void;
  info(data: Record<string, unknown>, message: string): void;
  warn(data: Record<string, unknown>, message: string): void;
  error(data: Record<string, unknown>, message: string): void;
}

/** `'META_ADS'` once a patient is attributed to an ad; hosts mark everyone else `'ORGANIC'`. */
export type AcquisitionSource = 'META_ADS' | 'ORGANIC';

/** Where a patient's enrichment job stands; the patient row itself is the durable job. */
export type EnrichmentStatus = 'pending' | 'done' | 'not_found' | 'failed';

/** One unit of enrichment work: fill in campaign and adset names for this patient's ad. */
export interface EnrichmentJob {
  tenantId: string;
  patientId: string;
  adId: string;
  /** Attempts already made, as stored on the row; drives the retry back-off. Default 0. */
  attempts?: number;
}

/** The write behind `applyFirstTouch`, already validated. */
export interface FirstTouchWrite {
  tenantId: string;
  patientId: string;
  /**
   * `null` for an ad touch whose ad id was lost: the patient is still attributed 'META_ADS',
   * with `meta_enrichment_status` left NULL because there is nothing to enrich.
   */
  adId: string | null;
  referral: AdReferral;
  messageId: string | null;
  receivedAt: Date;
}

/**
 * `attributed`: this referral became the first touch. `kept_existing`: the patient already had
 * one, so the referral was logged as a later touch (once per provider message id).
 */
export type FirstTouchWriteResult = 'attributed' | 'kept_existing' | 'patient_not_found';

/** Successful enrichment of one patient row. */
export interface EnrichmentSuccessWrite extends EnrichmentJob {
  details: AdDetails;
  at: Date;
}

/** Failed enrichment of one patient row; `nextAttemptAt: null` means the job gave up. */
export interface EnrichmentFailureWrite extends EnrichmentJob {
  status: 'not_found' | 'failed';
  error: string;
  nextAttemptAt: Date | null;
  at: Date;
}

/** One row of the marketing report before rates are computed: leads of one campaign and ad. */
export interface MarketingStatsRow {
  campaignId: string | null;
  campaignName: string | null;
  adId: string | null;
  adName: string | null;
  leads: number;
  bookedPatients: number;
  appointments: number;
}

/** A later ad touch, kept in `patient_ad_touches`; the first touch stays on the patient row. */
export interface AdTouch {
  messageId: string | null;
  adId: string | null;
  sourceType: AdReferral['sourceType'];
  sourceId: string | null;
  ctwaClid: string | null;
  headline: string | null;
  receivedAt: Date;
}

/** A patient with the attribution an agent or an admin screen needs. */
export interface PatientContext {
  tenantId: string;
  patientId: string;
  phone: string;
  name: string | null;
  createdAt: Date;
  acquisitionSource: string | null;
  firstTouchAt: Date | null;
  ad: {
    adId: string | null;
    adName: string | null;
    headline: string | null;
    body: string | null;
    campaignId: string | null;
    campaignName: string | null;
    adsetId: string | null;
    adsetName: string | null;
    ctwaClid: string | null;
    sourceUrl: string | null;
  } | null;
  enrichment: {
    status: EnrichmentStatus | null;
    attempts: number;
    nextAttemptAt: Date | null;
    error: string | null;
  };
  laterTouches: AdTouch[];
}

/**
 * Persistence of attribution. Every method filters by tenant except `claimDueEnrichments`, the
 * cross-tenant worker claim, whose jobs carry their tenant id into every later write.
 * Adapter: `@ctwa/attribution-core/pg` (pg.Pool and PGlite); `/memory` has a fake for tests.
 */
export interface AttributionStore {
  /** One conditional write: attribute when the source is NULL or 'ORGANIC', else log a touch. */
  applyFirstTouch(write: FirstTouchWrite): Promise<FirstTouchWriteResult>;
  /** Sets acquisition_source to 'ORGANIC' when it is NULL; resolves whether the row changed. */
  markOrganic(patient: { tenantId: string; patientId: string }): Promise<boolean>;
  /** Claims one patient's due job until `leaseUntil`; `null` when it is not due or not pending. */
  claimEnrichment(request: {
    tenantId: string;
    patientId: string;
    now: Date;
    leaseUntil: Date;
  }): Promise<EnrichmentJob | null>;
  /** Claims up to `limit` due jobs across tenants; a claimed row is skipped by other workers. */
  claimDueEnrichments(request: {
    now: Date;
    leaseUntil: Date;
    limit: number;
  }): Promise<EnrichmentJob[]>;
  /** Resolves `false` when the row no longer carries that ad (nothing was written). */
  saveEnrichment(write: EnrichmentSuccessWrite): Promise<boolean>;
  /** Never downgrades a row that is already 'done'. Resolves whether the row changed. */
  recordEnrichmentFailure(write: EnrichmentFailureWrite): Promise<boolean>;
  /** Leads whose first touch lies in `[from, to)`, grouped by campaign and ad. */
  readMarketingStats(query: {
    tenantId: string;
    from: Date | null;
    to: Date | null;
  }): Promise<MarketingStatsRow[]>;
  /** The first patient of the tenant whose stored phone equals one of `phones`. */
  findPatientContext(query: {
    tenantId: string;
    phones: readonly string[];
  }): Promise<PatientContext | null>;
}
