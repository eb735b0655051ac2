import type { EnrichmentDeps, EnrichmentOutcome } from '../enrichment-deps.js';
import type { CloseOptions, EnrichmentQueue, QueueTimers } from '../enrichment-queue.js';
import type { Clock, EnrichmentJob, Logger } from '../ports.js';
import { applyResolution } from './apply-resolution.js';
import { noopLogger, systemClock } from './noop-logger.js';
import { type AdResolution, resolveAds } from './resolve-ads.js';
import { requireId, requireNumber, requirePatientId } from './validate.js';

/** Resolved queue settings; every field has its default applied. */
export interface RunnerSettings {
  batchWindowMs: number;
  maxBatchSize: number;
  sweepIntervalMs: number;
  sweepLimit: number;
  leaseMs: number;
  timers: QueueTimers;
  onOutcome: ((outcome: EnrichmentOutcome) => void) | undefined;
}

interface QueuedJob {
  job: EnrichmentJob;
  /** Sweeper jobs arrive claimed; enqueued ones are claimed when their batch starts. */
  claimed: boolean;
}

const UNAVAILABLE: AdResolution = { kind: 'unavailable' };
const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

/** The enrichment worker behind `createEnrichmentQueue`. */
export class EnrichmentRunner implements EnrichmentQueue {
  readonly #deps: EnrichmentDeps;
  readonly #settings: RunnerSettings;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #waiting: QueuedJob[] = [];
  /** The waiting (not yet running) entry of each patient, so a sweep can take it over. */
  readonly #waitingByKey = new Map<string, QueuedJob>();
  /** Rows a sweep claimed while their patient's batch was already running; re-run after it. */
  readonly #claimedMeanwhile = new Map<string, EnrichmentJob>();
  /** Patients waiting or running, so a second enqueue of one is ignored. */
  readonly #known = new Set<string>();
  readonly #running = new Set<Promise<void>>();
  /** Single flight: ad lookups in progress, shared by every batch that needs the ad. */
  readonly #lookups = new Map<string, Promise<AdResolution>>();
  #batchTimer: unknown = null;
  #sweepTimer: unknown = null;
  #sweeping: Promise<number> | null = null;
  #closed = false;
  /** Aborted when a close deadline passes; running work then writes nothing more. */
  readonly #abandon = new AbortController();

  constructor(deps: EnrichmentDeps, settings: RunnerSettings) {
    this.#deps = deps;
    this.#settings = settings;
    this.#clock = deps.clock ?? systemClock;
    this.#logger = deps.logger ?? noopLogger;
  }

  get size(): number {
    return this.#known.size;
  }

  enqueue(job: EnrichmentJob): void {
    const checked: EnrichmentJob = {
      tenantId: requireId('tenantId', job.tenantId),
      patientId: requirePatientId(job.patientId),
      adId: requireId('adId', job.adId),
    };
    if (this.#closed) {
      this.#logger.warn(idsOf(checked), 'enrichment queue is closed; a later sweep retries');
      return;
    }
    if (this.#deps.source === null) return;
    this.#add(checked, false);
  }

  async drain(): Promise<void> {
    for (;;) {
      this.#flush();
      if (this.#running.size === 0) return;
      await Promise.all(this.#running);
    }
  }

  sweep(): Promise<number> {
    this.#sweeping ??= this.#sweepOnce().finally(() => {
      this.#sweeping = null;
    });
    return this.#sweeping;
  }

  start(): void {
    if (this.#sweepTimer !== null || this.#closed) return;
    const { timers, sweepIntervalMs } = this.#settings;
    this.#sweepTimer = timers.setInterval(() => this.#sweepInBackground(), sweepIntervalMs);
    this.#sweepInBackground();
  }

  stop(): void {
    if (this.#sweepTimer !== null) this.#settings.timers.clearInterval(this.#sweepTimer);
    this.#sweepTimer = null;
  }

  async close(options: CloseOptions = {}): Promise<void> {
    const timeoutMs = requireNumber('timeoutMs', options.timeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS, 0);
    this.stop();
    this.#closed = true;
    const finished = (async () => {
      await this.#sweeping?.catch(() => undefined);
      await this.drain();
      return true;
    })();
    const { timers } = this.#settings;
    let deadline: unknown = null;
    const timedOut = new Promise<false>((resolve) => {
      deadline = timers.setTimeout(() => resolve(false), timeoutMs);
    });
    const completed = await Promise.race([finished, timedOut]);
    timers.clearTimeout(deadline);
    if (!completed) this.#giveUpRunningWork(timeoutMs);
  }

  #giveUpRunningWork(timeoutMs: number): void {
    this.#abandon.abort();
    this.#logger.warn(
      { timeoutMs, jobs: this.#known.size },
      'enrichment queue closed before its running work finished; a later sweep retries',
    );
  }

  #add(job: EnrichmentJob, claimed: boolean): void {
    const key = keyOf(job);
    if (this.#known.has(key)) {
      this.#adoptClaim(key, job, claimed);
      return;
    }

    const queued = { job, claimed };
    this.#known.add(key);
    this.#waiting.push(queued);
    this.#waitingByKey.set(key, queued);
    if (this.#waiting.length >= this.#settings.maxBatchSize) this.#flush();
    else if (this.#batchTimer === null) {
      const { timers, batchWindowMs } = this.#settings;
      this.#batchTimer = timers.setTimeout(() => this.#flush(), batchWindowMs);
    }
  }

  /**
   * A sweep claimed a row whose enqueued job is still waiting unclaimed. The sweep's lease now
   * makes the row look not due, so the waiting job would fail its own claim; it adopts the
   * sweep's claim instead of leaving the row to wait for the lease to run out.
   */
  #adoptClaim(key: string, job: EnrichmentJob, claimed: boolean): void {
    if (!claimed) return;
    const waiting = this.#waitingByKey.get(key);
    if (waiting === undefined) {
      // Running already: its own claim lost to the sweep, so the sweep's claim runs next.
      this.#claimedMeanwhile.set(key, job);
      return;
    }
    if (waiting.claimed) return;
    waiting.job = job;
    waiting.claimed = true;
  }

  #flush(): void {
    if (this.#batchTimer !== null) this.#settings.timers.clearTimeout(this.#batchTimer);
    this.#batchTimer = null;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#settings.maxBatchSize);
      for (const { job } of batch) this.#waitingByKey.delete(keyOf(job));
      const task = this.#runBatch(batch).finally(() => this.#running.delete(task));
      this.#running.add(task);
    }
  }

  async #runBatch(batch: readonly QueuedJob[]): Promise<void> {
    try {
      const jobs = await this.#claimAll(batch);
      const lookups = this.#lookUp(jobs.map((job) => job.adId));
      await Promise.all(jobs.map((job) => this.#finish(job, lookups.get(job.adId))));
    } finally {
      for (const { job } of batch) this.#release(keyOf(job));
    }
  }

  #release(key: string): void {
    this.#known.delete(key);
    const claimed = this.#claimedMeanwhile.get(key);
    if (claimed === undefined) return;
    this.#claimedMeanwhile.delete(key);
    this.#add(claimed, true);
  }

  async #claimAll(batch: readonly QueuedJob[]): Promise<EnrichmentJob[]> {
    const { now, leaseUntil } = this.#lease();
    const claims = await Promise.all(
      batch.map(async ({ job, claimed }) => {
        if (claimed) return job;
        try {
          return await this.#deps.store.claimEnrichment({ ...job, now, leaseUntil });
        } catch (error) {
          this.#logger.error(
            { ...idsOf(job), err: error },
            'enrichment claim failed; a sweep retries',
          );
          return null;
        }
      }),
    );
    return claims.filter((job): job is EnrichmentJob => job !== null);
  }

  /** Starts one shared lookup for the ads nobody is looking up yet, and joins the others. */
  #lookUp(adIds: readonly string[]): Map<string, Promise<AdResolution>> {
    const unique = [...new Set(adIds)];
    const fresh = unique.filter((adId) => !this.#lookups.has(adId));
    if (fresh.length > 0) {
      const shared = resolveAds(this.#deps, fresh, this.#abandon.signal);
      for (const adId of fresh) {
        const lookup = shared.then((resolutions) => resolutions.get(adId) ?? UNAVAILABLE);
        const forget = () => this.#lookups.delete(adId);
        lookup.then(forget, forget);
        this.#lookups.set(adId, lookup);
      }
    }
    return new Map(
      unique.map((adId) => [adId, this.#lookups.get(adId) ?? Promise.resolve(UNAVAILABLE)]),
    );
  }

  async #finish(job: EnrichmentJob, lookup: Promise<AdResolution> | undefined): Promise<void> {
    try {
      const resolution = (await lookup) ?? UNAVAILABLE;
      // Given up by close(): the row keeps its claim and lease, and a later sweep enriches it.
      if (this.#abandon.signal.aborted) return;
      const outcome = await applyResolution(this.#deps, job, resolution);
      this.#logger.debug({ ...idsOf(job), status: outcome.status }, 'enrichment finished');
      this.#report(outcome);
    } catch (error) {
      this.#logger.error({ ...idsOf(job), err: error }, 'enrichment write failed; a sweep retries');
    }
  }

  #report(outcome: EnrichmentOutcome): void {
    try {
      this.#settings.onOutcome?.(outcome);
    } catch (error) {
      this.#logger.warn({ err: error }, 'onOutcome callback threw');
    }
  }

  async #sweepOnce(): Promise<number> {
    if (this.#closed || this.#deps.source === null) return 0;

    const { now, leaseUntil } = this.#lease();
    const limit = this.#settings.sweepLimit;
    const jobs = await this.#deps.store.claimDueEnrichments({ now, leaseUntil, limit });
    for (const job of jobs) this.#add(job, true);
    await this.drain();
    return jobs.length;
  }

  #sweepInBackground(): void {
    this.sweep().catch((error: unknown) => {
      this.#logger.error({ err: error }, 'enrichment sweep failed');
    });
  }

  #lease(): { now: Date; leaseUntil: Date } {
    const now = this.#clock.now();
    return { now, leaseUntil: new Date(now.getTime() + this.#settings.leaseMs) };
  }
}

function keyOf(job: EnrichmentJob): string {
  return `${job.tenantId}\u0000${job.patientId}`;
}

function idsOf(job: EnrichmentJob) {
  return { tenantId: job.tenantId, patientId: job.patientId, adId: job.adId };
}
