import type {
  EnrichmentDeps,
  EnrichmentOutcome,
  EnrichmentOutcomeBase,
} from '../enrichment-deps.js';
import { defaultEnrichmentRetryPolicy, nextEnrichmentAttempt } from '../enrichment-retry.js';
import type { AdDetails, EnrichmentJob } from '../ports.js';
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

  switch (resolution.kind) {
    case 'unavailable':
      return { ...base, status: 'skipped', reason: 'no_source' };
    case 'found':
      return saveFound(deps, base, resolution.details, resolution.fromCache, at);
    case 'not_found':
      return recordNotFound(deps, base, resolution.fromCache, at);
    case 'failed':
      return recordFailure(deps, base, (job.attempts ?? 0) + 1, resolution.error, at);
  }
}

async function saveFound(
  deps: EnrichmentDeps,
  base: EnrichmentOutcomeBase,
  details: AdDetails,
  fromCache: boolean,
  at: Date,
): Promise<EnrichmentOutcome> {
  const saved = await deps.store.saveEnrichment({ ...base, details, at });
  if (!saved) return { ...base, status: 'skipped', reason: 'row_changed' };
  return { ...base, status: 'done', details, fromCache };
}

/** Graph cannot tell "deleted" from "not visible to this token", so this is final for the row. */
async function recordNotFound(
  deps: EnrichmentDeps,
  base: EnrichmentOutcomeBase,
  fromCache: boolean,
  at: Date,
): Promise<EnrichmentOutcome> {
  const error = `MetaNotFoundError: ad ${base.adId} does not exist or the token cannot see it.`;
  const write = { ...base, status: 'not_found' as const, error, nextAttemptAt: null, at };
  if (!(await deps.store.recordEnrichmentFailure(write))) {
    return { ...base, status: 'skipped', reason: 'row_changed' };
  }
  return { ...base, status: 'not_found', fromCache };
}

async function recordFailure(
  deps: EnrichmentDeps,
  base: EnrichmentOutcomeBase,
  attempts: number,
  cause: unknown,
  at: Date,
): Promise<EnrichmentOutcome> {
  const policy = { ...defaultEnrichmentRetryPolicy, ...deps.retryPolicy };
  const nextAttemptAt = nextEnrichmentAttempt({ attempts, error: cause, now: at, policy });
  const error = describeError(cause);
  const write = { ...base, status: 'failed' as const, error, nextAttemptAt, at };
  if (!(await deps.store.recordEnrichmentFailure(write))) {
    return { ...base, status: 'skipped', reason: 'row_changed' };
  }
  return { ...base, status: 'failed', error, nextAttemptAt };
}
