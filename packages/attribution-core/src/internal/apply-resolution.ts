import type { EnrichmentDeps, EnrichmentOutcome } from '../enrichment-deps.js';
import { defaultEnrichmentRetryPolicy, nextEnrichmentAttempt } from '../enrichment-retry.js';
import type { EnrichmentJob } from '../ports.js';
import { describeError } from './error-text.js';
import { systemClock } from './noop-logger.js';
import type { AdResolution } from './resolve-ads.js';

/**
 * Writes what was learnt about a job's ad onto the patient row and says what happened.
 * Store failures propagate; Graph failures are recorded with a next attempt time.
 */
export async function applyResolution(
  deps: EnrichmentDeps,
  job: EnrichmentJob,
  resolution: AdResolution,
): Promise<EnrichmentOutcome> {
  const base = { tenantId: job.tenantId, patientId: job.patientId, adId: job.adId };
  const at = (deps.clock ?? systemClock).now();
  const attempts = (job.attempts ?? 0) + 1;

  switch (resolution.kind) {
    case 'unavailable':
      return { ...base, status: 'skipped', reason: 'no_source' };
    case 'found': {
      const saved = await deps.store.saveEnrichment({ ...base, details: resolution.details, at });
      if (!saved) return { ...base, status: 'skipped', reason: 'row_changed' };
      return {
        ...base,
        status: 'done',
        details: resolution.details,
        fromCache: resolution.fromCache,
      };
    }
    case 'not_found': {
      const error = `MetaNotFoundError: ad ${job.adId} does not exist or the token cannot see it.`;
      const recorded = await deps.store.recordEnrichmentFailure({
        ...base,
        status: 'not_found',
        error,
        nextAttemptAt: null,
        at,
      });
      if (!recorded) return { ...base, status: 'skipped', reason: 'row_changed' };
      return { ...base, status: 'not_found', fromCache: resolution.fromCache };
    }
    case 'failed': {
      const policy = { ...defaultEnrichmentRetryPolicy, ...deps.retryPolicy };
      const nextAttemptAt = nextEnrichmentAttempt({
        attempts,
        error: resolution.error,
        now: at,
        policy,
      });
      const error = describeError(resolution.error);
      const recorded = await deps.store.recordEnrichmentFailure({
        ...base,
        status: 'failed',
        error,
        nextAttemptAt,
        at,
      });
      if (!recorded) return { ...base, status: 'skipped', reason: 'row_changed' };
      return { ...base, status: 'failed', error, nextAttemptAt };
    }
  }
}
