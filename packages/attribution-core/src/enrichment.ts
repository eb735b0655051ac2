import type { EnrichmentDeps, EnrichmentOutcome } from './enrichment-deps.js';
import { applyResolution } from './internal/apply-resolution.js';
import { resolveAds } from './internal/resolve-ads.js';
import { checkEnrichmentDeps, requireId, requirePatientId } from './internal/validate.js';
import type { EnrichmentJob } from './ports.js';

/**
 * Enriches one patient's attribution now: reads the ad cache (`meta:ad:{adId}`), asks the source
 * on a miss, caches the answer, and fills campaign, adset and ad names and ids without ever
 * touching the referral's headline and body. Graph errors never throw: they are recorded on the
 * row with a next attempt time. Store errors do throw.
 *
 * For many patients, prefer `createEnrichmentQueue`, which batches and deduplicates Graph calls.
 *
 * @example
 * const outcome = await enrichAttribution({ store, cache, source: metaAdsClient }, job);
 * if (outcome.status === 'failed') logger.warn({ next: outcome.nextAttemptAt }, outcome.error);
 */
export async function enrichAttribution(
  deps: EnrichmentDeps,
  job: EnrichmentJob,
): Promise<EnrichmentOutcome> {
  checkEnrichmentDeps(deps);
  const checked: EnrichmentJob = {
    tenantId: requireId('tenantId', job.tenantId),
    patientId: requirePatientId(job.patientId),
    adId: requireId('adId', job.adId),
    attempts: job.attempts ?? 0,
  };

  const resolutions = await resolveAds(deps, [checked.adId]);
  const resolution = resolutions.get(checked.adId) ?? { kind: 'unavailable' };
  return applyResolution(deps, checked, resolution);
}
