import type { EnrichmentDeps, EnrichmentOutcome } from './enrichment-deps.js';
import { applyResolution } from './internal/apply-resolution.js';
import { noopLogger, systemClock } from './internal/noop-logger.js';
import { type AdResolution, MAX_IDS_PER_CALL, resolveAds } from './internal/resolve-ads.js';
import { requireId } from './internal/validate.js';
import type { EnrichmentJob } from './ports.js';

/** Timer functions, injectable so tests never wait for real. Defaults to the global timers. */
export interface QueueTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Tuning of `createEnrichmentQueue`. */
export interface EnrichmentQueueOptions {
  /** How long enqueued jobs wait for company before one batched lookup. Default 25 ms. */
  batchWindowMs?: number;
  /** Jobs per batch; a full batch runs at once. Default 50, Graph's `?ids=` limit. */
  maxBatchSize?: number;
  /** Period of the sweeper started by `start()`. Default 30 s. */
  sweepIntervalMs?: number;
  /** Rows one sweep claims. Default 100. */
  sweepLimit?: number;
  /** How long a claimed row is reserved for this worker before others may retry it. Default 2 min. */
  leaseMs?: number;
  /** Called with every outcome, e.g. to log one line per enrichment. Exceptions are ignored. */
  onOutcome?: (outcome: EnrichmentOutcome) => void;
  timers?: QueueTimers;
}

/** An in-process enrichment worker backed by the durable state on the patient rows. */
export interface EnrichmentQueue {
  /** Schedules a patient's enrichment and returns at once; duplicates are ignored. */
  enqueue(job: EnrichmentJob): void;
  /** Resolves once everything enqueued so far (and anything it led to) is finished. */
  drain(): Promise<void>;
  /** Claims due rows (pending, or failed with a due retry), enriches them, resolves their count. */
  sweep(): Promise<number>;
  /** Starts the periodic sweeper (its timer does not keep the process alive). */
  start(): void;
  stop(): void;
  /** Stops the sweeper, refuses new jobs and waits for the running ones. */
  close(): Promise<void>;
  /** Jobs waiting or running. */
  readonly size: number;
}

interface QueuedJob {
  job: EnrichmentJob;
  claimed: boolean;
}

const globalTimers: QueueTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Creates the enrichment worker. Jobs enqueued within `batchWindowMs` share one cache pass and one
 * `getAdsDetails` call (at most 50 ids); concurrent jobs for one ad share one lookup; each row is
 * claimed before work starts so that several processes never enrich the same patient at once.
 *
 * @example
 * const queue = createEnrichmentQueue({ store, cache, source: metaAdsClient, logger });
 * queue.start();
 * queue.enqueue({ tenantId, patientId, adId });
 * process.on('SIGTERM', () => queue.close());
 */
export function createEnrichmentQueue(
  deps: EnrichmentDeps,
  options: EnrichmentQueueOptions = {},
): EnrichmentQueue {
  const settings = {
    batchWindowMs: options.batchWindowMs ?? 25,
    maxBatchSize: Math.max(1, Math.min(options.maxBatchSize ?? MAX_IDS_PER_CALL, MAX_IDS_PER_CALL)),
    sweepIntervalMs: options.sweepIntervalMs ?? 30_000,
    sweepLimit: options.sweepLimit ?? 100,
    leaseMs: options.leaseMs ?? 120_000,
  };
  const timers = options.timers ?? globalTimers;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? noopLogger;

  const waiting: QueuedJob[] = [];
  const known = new Set<string>();
  const running = new Set<Promise<void>>();
  const lookups = new Map<string, Promise<AdResolution>>();
  let batchTimer: unknown = null;
  let sweepTimer: unknown = null;
  let sweeping: Promise<number> | null = null;
  let closed = false;

  const keyOf = (job: EnrichmentJob) => `${job.tenantId}\u0000${job.patientId}`;

  function add(job: EnrichmentJob, claimed: boolean): void {
    const key = keyOf(job);
    if (known.has(key)) return;
    known.add(key);
    waiting.push({ job, claimed });
    if (waiting.length >= settings.maxBatchSize) flush();
    else if (batchTimer === null) {
      batchTimer = timers.setTimeout(flush, settings.batchWindowMs);
    }
  }

  function flush(): void {
    if (batchTimer !== null) timers.clearTimeout(batchTimer);
    batchTimer = null;
    while (waiting.length > 0) {
      const batch = waiting.splice(0, settings.maxBatchSize);
      const task = runBatch(batch).finally(() => running.delete(task));
      running.add(task);
    }
  }

  async function runBatch(batch: QueuedJob[]): Promise<void> {
    try {
      const jobs = await claimAll(batch);
      const resolutions = lookUp(jobs.map((job) => job.adId));
      await Promise.all(jobs.map((job) => finish(job, resolutions)));
    } finally {
      for (const { job } of batch) known.delete(keyOf(job));
    }
  }

  async function claimAll(batch: QueuedJob[]): Promise<EnrichmentJob[]> {
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + settings.leaseMs);
    const claims = await Promise.all(
      batch.map(async ({ job, claimed }) => {
        if (claimed) return job;
        try {
          return await deps.store.claimEnrichment({ ...job, now, leaseUntil });
        } catch (error) {
          logger.error(
            { ...idsOf(job), err: error },
            'enrichment claim failed; the sweeper retries',
          );
          return null;
        }
      }),
    );
    return claims.filter((job): job is EnrichmentJob => job !== null);
  }

  /** Single flight: an ad already being looked up joins that lookup instead of starting one. */
  function lookUp(adIds: readonly string[]): Map<string, Promise<AdResolution>> {
    const unique = [...new Set(adIds)];
    const fresh = unique.filter((adId) => !lookups.has(adId));
    const shared = fresh.length > 0 ? resolveAds(deps, fresh) : null;
    const result = new Map<string, Promise<AdResolution>>();
    for (const adId of unique) {
      let lookup = lookups.get(adId);
      if (lookup === undefined && shared !== null) {
        lookup = shared.then((map) => map.get(adId) ?? { kind: 'unavailable' as const });
        lookups.set(adId, lookup);
        const forget = () => lookups.delete(adId);
        lookup.then(forget, forget);
      }
      if (lookup !== undefined) result.set(adId, lookup);
    }
    return result;
  }

  async function finish(
    job: EnrichmentJob,
    resolutions: Map<string, Promise<AdResolution>>,
  ): Promise<void> {
    try {
      const resolution = (await resolutions.get(job.adId)) ?? { kind: 'unavailable' as const };
      const outcome = await applyResolution(deps, job, resolution);
      logger.debug({ ...idsOf(job), status: outcome.status }, 'enrichment finished');
      report(outcome);
    } catch (error) {
      logger.error({ ...idsOf(job), err: error }, 'enrichment write failed; the sweeper retries');
    }
  }

  function report(outcome: EnrichmentOutcome): void {
    try {
      options.onOutcome?.(outcome);
    } catch (error) {
      logger.warn({ err: error }, 'onOutcome callback threw');
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      flush();
      if (running.size === 0) return;
      await Promise.all(running);
    }
  }

  async function sweepOnce(): Promise<number> {
    if (closed || deps.source === null) return 0;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + settings.leaseMs);
    const jobs = await deps.store.claimDueEnrichments({
      now,
      leaseUntil,
      limit: settings.sweepLimit,
    });
    for (const job of jobs) add(job, true);
    await drain();
    return jobs.length;
  }

  function sweep(): Promise<number> {
    sweeping ??= sweepOnce().finally(() => {
      sweeping = null;
    });
    return sweeping;
  }

  function sweepInBackground(): void {
    sweep().catch((error: unknown) => logger.error({ err: error }, 'enrichment sweep failed'));
  }

  function enqueue(job: EnrichmentJob): void {
    const checked: EnrichmentJob = {
      tenantId: requireId('tenantId', job.tenantId),
      patientId: requireId('patientId', job.patientId),
      adId: requireId('adId', job.adId),
    };
    if (closed) {
      logger.warn(idsOf(checked), 'enrichment queue is closed; the sweeper of another run retries');
      return;
    }
    if (deps.source === null) return;
    add(checked, false);
  }

  function start(): void {
    if (sweepTimer !== null || closed) return;
    sweepTimer = timers.setInterval(sweepInBackground, settings.sweepIntervalMs);
    sweepInBackground();
  }

  function stop(): void {
    if (sweepTimer !== null) timers.clearInterval(sweepTimer);
    sweepTimer = null;
  }

  async function close(): Promise<void> {
    stop();
    closed = true;
    await sweeping?.catch(() => undefined);
    await drain();
  }

  return {
    enqueue,
    drain,
    sweep,
    start,
    stop,
    close,
    get size() {
      return known.size;
    },
  };
}

function idsOf(job: EnrichmentJob) {
  return { tenantId: job.tenantId, patientId: job.patientId, adId: job.adId };
}
