import { describe, expect, it } from 'vitest';
import {
  alignersAd,
  createFakeAdSource,
  createManualTimers,
  createRecordingLogger,
  createTestClock,
  implantsAd,
  NamedError,
} from '../test/support/fake-ad-source.js';
import type { EnrichmentOutcome } from './enrichment-deps.js';
import { createEnrichmentQueue, type EnrichmentQueueOptions } from './enrichment-queue.js';
import { applyFirstTouch } from './first-touch.js';
import { createMemoryAdCache, createMemoryAttributionStore } from './memory/index.js';
import type { AdDetails } from './ports.js';
import { normalizeReferral } from './referral/normalize.js';

const tenantId = 'arrayan';

function setup(options: EnrichmentQueueOptions = {}, ads: AdDetails[] = [implantsAd, alignersAd]) {
  const clock = createTestClock();
  const store = createMemoryAttributionStore();
  const cache = createMemoryAdCache({ clock });
  const source = createFakeAdSource(ads);
  const logger = createRecordingLogger();
  const outcomes: EnrichmentOutcome[] = [];
  const timers = createManualTimers();
  const deps = { store, cache, source, clock, logger };
  const queue = createEnrichmentQueue(deps, {
    timers,
    onOutcome: (outcome) => outcomes.push(outcome),
    ...options,
  });

  let phone = 5491155500100;
  async function attributed(adId: string) {
    const patientId = store.addPatient({ tenantId, phone: `+${phone++}` });
    const referral = normalizeReferral({ ad_id: adId, headline: 'H' });
    if (referral === null) throw new Error('referral did not normalize');
    await applyFirstTouch(store, { tenantId, patientId, referral, receivedAt: clock.now() });
    return { tenantId, patientId, adId };
  }
  return { clock, store, cache, source, logger, outcomes, timers, queue, deps, attributed };
}

describe('createEnrichmentQueue', () => {
  it('returns from enqueue at once and does the work on drain', async () => {
    const { queue, source, attributed, store, outcomes } = setup();
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);

    expect(source.calls).toEqual([]);
    expect(queue.size).toBe(1);
    await queue.drain();
    expect(queue.size).toBe(0);
    expect(store.getPatient(tenantId, job.patientId)?.metaCampaignName).toBe(
      'Implantes Palermo - Mensajes',
    );
    expect(outcomes.map((o) => o.status)).toEqual(['done']);
  });

  it('batches the misses of one window into one getAdsDetails call, each ad once', async () => {
    const { queue, source, attributed, outcomes } = setup();
    queue.enqueue(await attributed(implantsAd.adId));
    queue.enqueue(await attributed(alignersAd.adId));
    queue.enqueue(await attributed(implantsAd.adId));
    await queue.drain();

    expect(source.calls).toEqual([[implantsAd.adId, alignersAd.adId]]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done']);
  });

  it('waits for the batch window before calling the source', async () => {
    const { queue, source, attributed, timers } = setup({ batchWindowMs: 40 });
    queue.enqueue(await attributed(implantsAd.adId));
    queue.enqueue(await attributed(alignersAd.adId));

    expect([...timers.timeouts.values()].map((t) => t.ms)).toEqual([40]);
    expect(source.calls).toEqual([]);
    const called = source.nextCall();
    timers.fireTimeouts();
    await called;
    expect(source.calls).toEqual([[implantsAd.adId, alignersAd.adId]]);
    await queue.drain();
  });

  it('runs a full batch at once without waiting for the window', async () => {
    const { queue, source, attributed, timers } = setup({ maxBatchSize: 2 });
    queue.enqueue(await attributed(implantsAd.adId));
    const called = source.nextCall();
    queue.enqueue(await attributed(alignersAd.adId));
    await called;
    expect(timers.timeouts.size).toBe(0);
    await queue.drain();
  });

  it('never sends more than 50 ids in one call', async () => {
    const ads = Array.from({ length: 120 }, (_, i) => ({
      ...implantsAd,
      adId: String(120214583920100000n + BigInt(i)),
    }));
    const { queue, source, attributed, outcomes } = setup({}, ads);
    for (const ad of ads) queue.enqueue(await attributed(ad.adId));
    await queue.drain();

    expect(source.calls.map((ids) => ids.length)).toEqual([50, 50, 20]);
    expect(new Set(source.calls.flat()).size).toBe(120);
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(120);
  });

  it('shares one in-flight lookup between batches that miss the same ad', async () => {
    const { queue, source, attributed, outcomes } = setup();
    const first = await attributed(implantsAd.adId);
    const second = await attributed(implantsAd.adId);
    source.hold();
    const called = source.nextCall();
    queue.enqueue(first);
    const firstDrain = queue.drain();
    await called;

    queue.enqueue(second);
    const secondDrain = queue.drain();
    source.release();
    await Promise.all([firstDrain, secondDrain]);

    expect(source.calls).toEqual([[implantsAd.adId]]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done']);
  });

  it('ignores a second enqueue of a patient already queued', async () => {
    const { queue, source, attributed, store } = setup();
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);
    queue.enqueue(job);
    await queue.drain();
    expect(source.calls).toHaveLength(1);
    expect(store.getPatient(tenantId, job.patientId)?.enrichmentAttempts).toBe(1);
  });

  it('does not enrich a row that is already done', async () => {
    const { queue, source, attributed, outcomes } = setup();
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);
    await queue.drain();
    queue.enqueue(job);
    await queue.drain();
    expect(source.calls).toHaveLength(1);
    expect(outcomes).toHaveLength(1);
  });

  it('negatively caches a not-found ad across batches', async () => {
    const { queue, source, attributed, outcomes } = setup();
    queue.enqueue(await attributed('120214583920179999'));
    await queue.drain();
    queue.enqueue(await attributed('120214583920179999'));
    await queue.drain();
    expect(source.calls).toEqual([['120214583920179999']]);
    expect(outcomes.map((o) => o.status)).toEqual(['not_found', 'not_found']);
  });

  it('retries a failed row through the sweeper once it is due, and not before', async () => {
    const { queue, source, attributed, store, clock } = setup();
    const job = await attributed(implantsAd.adId);
    source.answers.set(implantsAd.adId, new NamedError('MetaRateLimitError', 'throttled', 120_000));
    queue.enqueue(job);
    await queue.drain();
    expect(store.getPatient(tenantId, job.patientId)).toMatchObject({
      enrichmentStatus: 'failed',
      enrichmentNextAt: new Date(clock.now().getTime() + 120_000),
    });

    source.answers.set(implantsAd.adId, implantsAd);
    clock.advance(119_999);
    expect(await queue.sweep()).toBe(0);
    clock.advance(1);
    expect(await queue.sweep()).toBe(1);
    expect(store.getPatient(tenantId, job.patientId)).toMatchObject({
      enrichmentStatus: 'done',
      enrichmentAttempts: 2,
      enrichmentError: null,
    });
  });

  it('sweeps rows left pending by a crash and batches them', async () => {
    const { queue, source, attributed, outcomes } = setup();
    await attributed(implantsAd.adId);
    await attributed(alignersAd.adId);
    expect(await queue.sweep()).toBe(2);
    expect(source.calls).toEqual([[implantsAd.adId, alignersAd.adId]]);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done']);
    expect(await queue.sweep()).toBe(0);
  });

  it('reclaims a row whose worker died once its lease expires', async () => {
    const { queue, store, attributed, clock } = setup({ leaseMs: 60_000 });
    const job = await attributed(implantsAd.adId);
    const now = clock.now();
    await store.claimEnrichment({ ...job, now, leaseUntil: new Date(now.getTime() + 60_000) });

    expect(await queue.sweep()).toBe(0);
    clock.advance(60_000);
    expect(await queue.sweep()).toBe(1);
  });

  it('starts a periodic sweeper that sweeps at once, and stops it', async () => {
    const { queue, source, attributed, timers } = setup({ sweepIntervalMs: 10_000 });
    await attributed(implantsAd.adId);
    const called = source.nextCall();
    queue.start();
    queue.start();
    expect([...timers.intervals.values()].map((t) => t.ms)).toEqual([10_000]);
    await called;
    await queue.drain();

    queue.stop();
    expect(timers.intervals.size).toBe(0);
  });

  it('does nothing without a source: enqueue is ignored and sweep claims nothing', async () => {
    const { deps, attributed, store } = setup();
    const queue = createEnrichmentQueue({ ...deps, source: null });
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);
    expect(queue.size).toBe(0);
    expect(await queue.sweep()).toBe(0);
    expect(store.getPatient(tenantId, job.patientId)?.enrichmentStatus).toBe('pending');
  });

  it('finishes running work on close and refuses new jobs afterwards', async () => {
    const { queue, source, attributed, logger, outcomes } = setup();
    queue.enqueue(await attributed(implantsAd.adId));
    await queue.close();
    expect(outcomes).toHaveLength(1);

    queue.enqueue(await attributed(alignersAd.adId));
    await queue.drain();
    expect(source.calls).toHaveLength(1);
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'enrichment queue is closed; a later sweep retries',
    ]);
  });

  it('gives up a hanging source at the close deadline, aborting it and leaving the row pending', async () => {
    const { deps, attributed, timers, logger, store } = setup();
    const signals: (AbortSignal | undefined)[] = [];
    let called: () => void = () => undefined;
    const sourceCalled = new Promise<void>((resolve) => {
      called = resolve;
    });
    const hangingSource = {
      getAdsDetails(_adIds: readonly string[], options?: { signal?: AbortSignal }) {
        signals.push(options?.signal);
        called();
        return new Promise<never>(() => undefined);
      },
    };
    const outcomes: EnrichmentOutcome[] = [];
    const queue = createEnrichmentQueue(
      { ...deps, source: hangingSource },
      { timers, onOutcome: (outcome) => outcomes.push(outcome) },
    );
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);

    const closing = queue.close({ timeoutMs: 5_000 });
    await sourceCalled;
    expect([...timers.timeouts.values()].map((t) => t.ms)).toEqual([5_000]);
    expect(signals[0]?.aborted).toBe(false);
    timers.fireTimeouts();
    await closing;

    expect(signals[0]?.aborted).toBe(true);
    expect(outcomes).toEqual([]);
    expect(store.getPatient(tenantId, job.patientId)?.enrichmentStatus).toBe('pending');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'enrichment queue closed before its running work finished; a later sweep retries',
    ]);
  });

  it('writes nothing for a source that answers after the close deadline', async () => {
    const { queue, source, attributed, timers, store, outcomes } = setup();
    source.hold();
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);
    const called = source.nextCall();
    const closing = queue.close();
    await called;
    expect([...timers.timeouts.values()].map((t) => t.ms)).toEqual([10_000]);
    timers.fireTimeouts();
    await closing;
    source.release();
    await queue.drain();

    expect(outcomes).toEqual([]);
    expect(store.getPatient(tenantId, job.patientId)?.enrichmentStatus).toBe('pending');
  });

  it('logs a store failure instead of throwing, leaving the row for the sweeper', async () => {
    const { deps, attributed, logger } = setup();
    const store = {
      ...deps.store,
      claimEnrichment: async () => {
        throw new Error('connection terminated');
      },
    };
    const queue = createEnrichmentQueue({ ...deps, store });
    queue.enqueue(await attributed(implantsAd.adId));
    await queue.drain();
    expect(logger.lines.map((l) => l.message)).toEqual([
      'enrichment claim failed; a sweep retries',
    ]);
  });

  it('survives an onOutcome callback that throws', async () => {
    const { deps, attributed, logger, store } = setup();
    const queue = createEnrichmentQueue(deps, {
      onOutcome: () => {
        throw new Error('callback bug');
      },
    });
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);
    await queue.drain();
    expect(store.getPatient(tenantId, job.patientId)?.enrichmentStatus).toBe('done');
    expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      'onOutcome callback threw',
    ]);
  });

  it('rejects a job with a missing id, naming the field', () => {
    const { queue } = setup();
    expect(() => queue.enqueue({ tenantId, patientId: '', adId: '1' })).toThrow(
      'patientId must be a non-empty string, got "".',
    );
  });

  it('rejects nonsensical options, naming them', () => {
    const { deps } = setup();
    expect(() => createEnrichmentQueue(deps, { leaseMs: 0 })).toThrow(
      'leaseMs must be a finite number of at least 1, got 0.',
    );
    expect(() => createEnrichmentQueue(deps, { batchWindowMs: Number.NaN })).toThrow(
      'batchWindowMs must be a finite number of at least 0, got NaN.',
    );
    expect(() => createEnrichmentQueue({ ...deps, cacheTtlSeconds: -1 })).toThrow(
      'cacheTtlSeconds must be a finite number of at least 1, got -1.',
    );
  });

  it('caps a requested batch size at the 50 ids Graph accepts', async () => {
    const ads = Array.from({ length: 60 }, (_, i) => ({
      ...implantsAd,
      adId: String(120214583920100000n + BigInt(i)),
    }));
    const { deps, attributed, source } = setup({}, ads);
    const queue = createEnrichmentQueue(deps, { maxBatchSize: 500 });
    for (const ad of ads) queue.enqueue(await attributed(ad.adId));
    await queue.drain();
    expect(source.calls.map((ids) => ids.length)).toEqual([50, 10]);
  });

  it('lets a sweep take over a job still waiting in the batch window, without delaying it', async () => {
    const { queue, source, attributed, store, outcomes } = setup();
    const job = await attributed(implantsAd.adId);
    queue.enqueue(job);

    expect(await queue.sweep()).toBe(1);
    expect(source.calls).toEqual([[implantsAd.adId]]);
    expect(outcomes.map((o) => o.status)).toEqual(['done']);
    expect(store.getPatient(tenantId, job.patientId)?.enrichmentAttempts).toBe(1);
  });

  it('runs a row a sweep claimed while the same patient was already running', async () => {
    const { deps, attributed, source, outcomes } = setup();
    const job = await attributed(implantsAd.adId);
    let releaseClaim: () => void = () => undefined;
    const slowClaim = new Promise<void>((resolve) => {
      releaseClaim = resolve;
    });
    const store = {
      ...deps.store,
      claimEnrichment: async (request: Parameters<typeof deps.store.claimEnrichment>[0]) => {
        await slowClaim;
        return deps.store.claimEnrichment(request);
      },
    };
    const queue = createEnrichmentQueue(
      { ...deps, store },
      { onOutcome: (outcome) => outcomes.push(outcome) },
    );
    queue.enqueue(job);
    const running = queue.drain();

    const swept = queue.sweep();
    releaseClaim();
    await Promise.all([running, swept]);
    await queue.drain();

    expect(outcomes.map((o) => o.status)).toEqual(['done']);
    expect(source.calls).toEqual([[implantsAd.adId]]);
  });
});
