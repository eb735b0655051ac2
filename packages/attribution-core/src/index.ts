// Referral normalization: any provider's payload -> AdReferral.

// Reads for admin screens and agents.
export { calendarRange } from './calendar-range.js';
export { enrichAttribution } from './enrichment.js';
export type {
  EnrichmentDeps,
  EnrichmentOutcome,
  EnrichmentOutcomeBase,
  EnrichmentSkipReason,
} from './enrichment-deps.js';
export type {
  CloseOptions,
  EnrichmentQueue,
  EnrichmentQueueOptions,
  QueueTimers,
} from './enrichment-queue.js';
export { createEnrichmentQueue } from './enrichment-queue.js';
export type { EnrichmentRetryPolicy } from './enrichment-retry.js';
export {
  defaultEnrichmentRetryPolicy,
  isAdNotFoundError,
  nextEnrichmentAttempt,
} from './enrichment-retry.js';
// Errors.
export {
  AttributionError,
  AttributionInputError,
  HostSchemaError,
  isAttributionError,
  PatientNotFoundError,
} from './errors.js';
export type { FirstTouchInput, FirstTouchResult } from './first-touch.js';
// First touch, enrichment and the enrichment worker.
export { applyFirstTouch, markOrganic } from './first-touch.js';
export type { CampaignStats, MarketingStats } from './marketing-stats.js';
export { getMarketingStats } from './marketing-stats.js';
export { getPatientContext, phoneVariants } from './patient-context.js';
// Ports: implement these to run on another database, cache or ad source.
export type {
  AcquisitionSource,
  AdCache,
  AdDetails,
  AdDetailsSource,
  AdNotFound,
  AdTouch,
  AttributionStore,
  CachedAd,
  Clock,
  EnrichmentFailureWrite,
  EnrichmentJob,
  EnrichmentStatus,
  EnrichmentSuccessWrite,
  FirstTouchWrite,
  FirstTouchWriteResult,
  Logger,
  MarketingStatsRow,
  PatientContext,
} from './ports.js';
export type { AdReferral } from './referral/ad-referral.js';
export type { InboundReferral } from './referral/extract.js';
export { extractReferrals } from './referral/extract.js';
export { normalizeReferral } from './referral/normalize.js';
