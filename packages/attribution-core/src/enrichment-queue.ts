import type { EnrichmentDeps, EnrichmentOutcome } from './enrichment-deps.js';
import { EnrichmentRunner } from './internal/enrichment-runner.js';
import { MAX_IDS_PER_CALL } from './internal/resolve-ads.js';
import { checkEnrichmentDeps, requireNumber } from './internal/validate.js';
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
  batchWindowMs?: number | undefined;
  /** Jobs per batch; a full batch runs at once. Default 50, Graph's `?ids=` limit. */
  maxBatchSize?: number | undefined;
  /** Period of the sweeper started by `start()`. Default 30 s. */
  sweepIntervalMs?: number | undefined;
  /** Rows one sweep claims. Default 100. */
  sweepLimit?: number | undefined;
  /** How long a claimed row is reserved for this worker before others may retry it. Default 2 min. */
  leaseMs?: number | undefined;
  /** Called with every outcome, e.g. to log one line per enrichment. Exceptions are ignored. */
  onOutcome?: ((outcome: EnrichmentOutcome) => void) | undefined;
  timers?: QueueTimers | undefined;
}

/** Options of `EnrichmentQueue.close`. */
export interface CloseOptions {
  /** How long close waits for running work before giving it up. Default 10,000 ms. */
  timeoutMs?: number | undefined;
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
  /**
   * Stops the sweeper, refuses new jobs and waits for the running ones, at most `timeoutMs`
   * (default 10 s). Past that deadline it aborts the source calls in flight and resolves; their
   * rows stay pending with their lease, and a later sweep (any process) enriches them.
   */
  close(options?: CloseOptions): Promise<void>;
  /** Jobs waiting or running. */
  readonly size: number;
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
  checkEnrichmentDeps(deps);
  const maxBatchSize = requireNumber('maxBatchSize', options.maxBatchSize ?? MAX_IDS_PER_CALL, 1);
  return new EnrichmentRunner(deps, {
    batchWindowMs: requireNumber('batchWindowMs', options.batchWindowMs ?? 25, 0),
    maxBatchSize: Math.min(Math.floor(maxBatchSize), MAX_IDS_PER_CALL),
    sweepIntervalMs: requireNumber('sweepIntervalMs', options.sweepIntervalMs ?? 30_000, 1),
    sweepLimit: Math.floor(requireNumber('sweepLimit', options.sweepLimit ?? 100, 1)),
    leaseMs: requireNumber('leaseMs', options.leaseMs ?? 120_000, 1),
    timers: options.timers ?? globalTimers,
    onOutcome: options.onOutcome,
  });
}
