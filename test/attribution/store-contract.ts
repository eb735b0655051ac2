import {
  type AdReferral,
  applyFirstTouch,
  createEnrichmentQueue,
  enrichAttribution,
  getMarketingStats,
  getPatientContext,
  markOrganic,
  normalizeReferral,
  PatientNotFoundError,
} from '@ctwa/attribution-core';
import { createMemoryAdCache } from '@ctwa/attribution-core/memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alignersAd,
  createFakeAdSource,
  createTestClock,
  implantsAd,
  NamedError,
} from '../../packages/attribution-core/test/support/fake-ad-source.js';
import {
  firstCloudApiMessage,
  twilioForm,
  webhookJson,
} from '../../packages/attribution-core/test/support/fixtures.js';
import type { StoreHarness } from './support/store-harness.js';

function referralOf(input: unknown): AdReferral {
  const referral = normalizeReferral(input);
  if (referral === null) throw new Error('fixture referral did not normalize');
  return referral;
}

const lucia = referralOf(firstCloudApiMessage('text-from-image-ad.json'));
const rafael = referralOf(firstCloudApiMessage('audio-from-video-ad.json'));
const ana = referralOf(webhookJson('ycloud/inbound-with-referral.json'));
const carlos = referralOf(twilioForm('with-referral.txt'));
/** An ad click whose 18-digit source id a JSON parser already rounded to a number. */
const lostId = referralOf(
  JSON.parse(
    '{"source_id":120214583920175512,"source_type":"ad","ctwa_clid":"ARAlostClid",' +
      '"headline":"Implantes sin costo de consulta","body":"Escribinos"}',
  ),
);

/**
 * One set of assertions for every AttributionStore adapter: Postgres, PGlite and the memory fake.
 */
export function describeStoreContract(name: string, createHarness: () => Promise<StoreHarness>) {
  describe(`AttributionStore contract (${name})`, () => {
    let harness: StoreHarness;
    let phoneSeed = 5491155500100;
    let tenantSeed = 0;
    const clock = createTestClock('2026-12-04T12:00:00.000Z');

    beforeAll(async () => {
      harness = await createHarness();
    });
    afterAll(async () => {
      await harness.close();
    });

    async function tenant(): Promise<string> {
      tenantSeed += 1;
      const id = `clinic-${tenantSeed}`;
      await harness.addTenant(id);
      return id;
    }
    async function patient(tenantId: string, source: string | null = null): Promise<string> {
      phoneSeed += 1;
      return harness.addPatient(tenantId, `+${phoneSeed}`, source);
    }
    function deps(source = createFakeAdSource([implantsAd, alignersAd])) {
      return { store: harness.store, cache: createMemoryAdCache({ clock }), source, clock };
    }

    describe('first touch', () => {
      it('attributes a new patient from a Cloud API referral, pending enrichment', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const receivedAt = new Date('2026-12-01T14:15:38.000Z');
        const result = await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: lucia,
          messageId: 'wamid.lucia.1',
          receivedAt,
        });

        expect(result).toEqual({ outcome: 'attributed', enrichmentPending: true });
        expect(await harness.readPatient(tenantId, patientId)).toEqual({
          acquisitionSource: 'META_ADS',
          adId: '120214583920175512',
          headline: 'Implantes dentales con carga inmediata',
          body: lucia.body,
          ctwaClid: lucia.ctwaClid,
          campaignId: null,
          campaignName: null,
          adsetId: null,
          adsetName: null,
          adName: null,
          firstTouchAt: receivedAt,
          enrichmentStatus: 'pending',
          enrichmentAttempts: 0,
          enrichmentNextAt: null,
          enrichmentError: null,
        });
      });

      it('never lets a second referral overwrite the first touch; it becomes a later touch', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const first = {
          tenantId,
          patientId,
          referral: lucia,
          messageId: 'wamid.a',
          receivedAt: clock.now(),
        };
        await applyFirstTouch(harness.store, first);
        const before = await harness.readPatient(tenantId, patientId);

        const second = await applyFirstTouch(harness.store, {
          ...first,
          referral: rafael,
          messageId: 'wamid.b',
          receivedAt: new Date(clock.now().getTime() + 86_400_000),
        });

        expect(second).toEqual({ outcome: 'kept_existing', enrichmentPending: false });
        expect(await harness.readPatient(tenantId, patientId)).toEqual(before);
        expect(await harness.readTouches(tenantId, patientId)).toEqual([
          { messageId: 'wamid.b', adId: '120209871236540018' },
        ]);
      });

      it('logs a redelivered later touch once, and a redelivered first touch not at all', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const first = {
          tenantId,
          patientId,
          referral: ana,
          messageId: 'wamid.first',
          receivedAt: clock.now(),
        };
        await applyFirstTouch(harness.store, first);
        const later = { ...first, referral: carlos, messageId: 'SMlater' };

        await applyFirstTouch(harness.store, later);
        await applyFirstTouch(harness.store, later);
        expect(await applyFirstTouch(harness.store, first)).toEqual({
          outcome: 'kept_existing',
          enrichmentPending: false,
        });
        expect(await harness.readTouches(tenantId, patientId)).toEqual([
          { messageId: 'SMlater', adId: '120217364501929012' },
        ]);
      });

      it('attributes and logs later touches from referrals whose texts held NUL characters', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const hostile = referralOf({
          source_id: '120214583920175512',
          source_type: 'ad',
          headline: 'Implantes\u0000 dentales',
          body: 'Primera consulta\u0000\nsin cargo',
          ctwa_clid: 'ARAg1oX\u0000RNK6',
          source_url: 'https://fb.me/\u0000UFawfnXlg',
          welcome_message: { text: 'Hola\u0000' },
        });
        const first = await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: hostile,
          messageId: 'wamid.\u0000first',
          receivedAt: clock.now(),
        });
        const handBuilt = { ...rafael, headline: '\u0000Alineadores', body: 'Sin\u0000 brackets' };
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: handBuilt,
          messageId: 'wamid.\u0000later',
          receivedAt: clock.now(),
        });

        expect(first).toEqual({ outcome: 'attributed', enrichmentPending: true });
        expect(await harness.readPatient(tenantId, patientId)).toMatchObject({
          acquisitionSource: 'META_ADS',
          adId: '120214583920175512',
          headline: 'Implantes dentales',
          body: 'Primera consulta\nsin cargo',
          ctwaClid: 'ARAg1oXRNK6',
        });
        expect(await harness.readTouches(tenantId, patientId)).toEqual([
          { messageId: 'wamid.later', adId: '120209871236540018' },
        ]);
        const context = await getPatientContext(harness.store, {
          tenantId,
          phone: `+${phoneSeed}`,
        });
        expect(context?.ad?.sourceUrl).toBe('https://fb.me/UFawfnXlg');
        expect(context?.laterTouches[0]?.headline).toBe('Alineadores');
      });

      it('attributes an ad touch whose ad id was lost as META_ADS, keeping clid and texts, scheduling no enrichment', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId, 'ORGANIC');
        const receivedAt = clock.now();
        const result = await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: lostId,
          messageId: 'wamid.lost',
          receivedAt,
        });

        expect(result).toEqual({ outcome: 'attributed', enrichmentPending: false });
        expect(await harness.readPatient(tenantId, patientId)).toEqual({
          acquisitionSource: 'META_ADS',
          adId: null,
          headline: 'Implantes sin costo de consulta',
          body: 'Escribinos',
          ctwaClid: 'ARAlostClid',
          campaignId: null,
          campaignName: null,
          adsetId: null,
          adsetName: null,
          adName: null,
          firstTouchAt: receivedAt,
          enrichmentStatus: null,
          enrichmentAttempts: 0,
          enrichmentNextAt: null,
          enrichmentError: null,
        });
        const now = new Date(receivedAt.getTime() + 1);
        const lease = { tenantId, patientId, now, leaseUntil: new Date(now.getTime() + 60_000) };
        expect(await harness.store.claimEnrichment(lease)).toBeNull();
        const due = await harness.store.claimDueEnrichments({ ...lease, limit: 1_000 });
        expect(due.map((job) => job.patientId)).not.toContain(patientId);
        expect(await markOrganic(harness.store, { tenantId, patientId })).toBe(false);
      });

      it('logs a later ad touch whose ad id was lost without touching the first touch', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const first = { tenantId, patientId, messageId: 'wamid.1', receivedAt: clock.now() };
        await applyFirstTouch(harness.store, { ...first, referral: lucia });
        const later = await applyFirstTouch(harness.store, {
          ...first,
          referral: lostId,
          messageId: 'wamid.2',
        });

        expect(later).toEqual({ outcome: 'kept_existing', enrichmentPending: false });
        expect((await harness.readPatient(tenantId, patientId))?.adId).toBe(lucia.adId);
        expect(await harness.readTouches(tenantId, patientId)).toEqual([
          { messageId: 'wamid.2', adId: null },
        ]);
      });

      it('attributes a patient the host marked ORGANIC', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId, 'ORGANIC');
        const result = await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: carlos,
          receivedAt: clock.now(),
        });
        expect(result.outcome).toBe('attributed');
        expect(await harness.readPatient(tenantId, patientId)).toMatchObject({
          acquisitionSource: 'META_ADS',
          adId: '120217364501929012',
          ctwaClid: carlos.ctwaClid,
        });
      });

      it('marks an unattributed patient ORGANIC without touching an attributed one', async () => {
        const tenantId = await tenant();
        const organic = await patient(tenantId);
        const attributed = await patient(tenantId);
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId: attributed,
          referral: lucia,
          receivedAt: clock.now(),
        });

        expect(await markOrganic(harness.store, { tenantId, patientId: organic })).toBe(true);
        expect(await markOrganic(harness.store, { tenantId, patientId: attributed })).toBe(false);
        expect((await harness.readPatient(tenantId, organic))?.acquisitionSource).toBe('ORGANIC');
        expect((await harness.readPatient(tenantId, attributed))?.acquisitionSource).toBe(
          'META_ADS',
        );
      });

      it("refuses to touch another tenant's patient", async () => {
        const owner = await tenant();
        const intruder = await tenant();
        const patientId = await patient(owner);
        const call = applyFirstTouch(harness.store, {
          tenantId: intruder,
          patientId,
          referral: lucia,
          receivedAt: clock.now(),
        });
        await expect(call).rejects.toThrow(PatientNotFoundError);
        expect((await harness.readPatient(owner, patientId))?.acquisitionSource).toBeNull();
      });

      it.each(['abc', '99999999999999999999', '9223372036854775808', '007', '-1', ' 1', '1.5'])(
        'rejects patient id %j with AttributionInputError naming patientId on every call',
        async (patientId) => {
          const tenantId = await tenant();
          const touch = applyFirstTouch(harness.store, {
            tenantId,
            patientId,
            referral: lucia,
            receivedAt: clock.now(),
          });
          const organic = markOrganic(harness.store, { tenantId, patientId });
          const enrich = enrichAttribution(deps(), { tenantId, patientId, adId: '1' });
          for (const call of [touch, organic, enrich]) {
            await expect(call).rejects.toMatchObject({
              name: 'AttributionInputError',
              field: 'patientId',
            });
          }
        },
      );

      it('attributes a racing redelivery of one message once and logs no touch for it', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const delivery = {
          tenantId,
          patientId,
          referral: lucia,
          messageId: 'wamid.redelivered',
          receivedAt: clock.now(),
        };
        const results = await Promise.all(
          Array.from({ length: 6 }, () => applyFirstTouch(harness.store, delivery)),
        );
        expect(results.filter((r) => r.outcome === 'attributed')).toHaveLength(1);
        expect(await harness.readTouches(tenantId, patientId)).toEqual([]);
      });

      it('leaves exactly one winner when first touches race', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const contenders = Array.from({ length: 8 }, (_, i) => ({
          tenantId,
          patientId,
          referral: {
            ...lucia,
            adId: `12021458392017${5500 + i}`,
            sourceId: `12021458392017${5500 + i}`,
          },
          messageId: `wamid.race.${i}`,
          receivedAt: clock.now(),
        }));

        const results = await Promise.all(contenders.map((c) => applyFirstTouch(harness.store, c)));

        const winners = results.flatMap((r, i) => (r.outcome === 'attributed' ? [i] : []));
        expect(winners).toHaveLength(1);
        const winner = contenders[winners[0] ?? -1];
        expect((await harness.readPatient(tenantId, patientId))?.adId).toBe(winner?.referral.adId);
        const touches = await harness.readTouches(tenantId, patientId);
        expect(touches).toHaveLength(7);
        expect(touches.map((t) => t.adId)).not.toContain(winner?.referral.adId);
      });
    });

    describe('enrichment', () => {
      async function attributedPatient(referral = lucia) {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral,
          receivedAt: clock.now(),
        });
        return { tenantId, patientId, adId: referral.adId ?? '' };
      }

      it('fills campaign, adset and ad names and ids, and never changes headline or body', async () => {
        const job = await attributedPatient();
        const outcome = await enrichAttribution(deps(), job);

        expect(outcome.status).toBe('done');
        expect(await harness.readPatient(job.tenantId, job.patientId)).toMatchObject({
          headline: 'Implantes dentales con carga inmediata',
          body: lucia.body,
          adName: 'Implantes - carga inmediata - imagen',
          campaignId: '120214583920170001',
          campaignName: 'Implantes Palermo - Mensajes',
          adsetId: '120214583920172001',
          adsetName: 'CABA 30-65',
          enrichmentStatus: 'done',
          enrichmentAttempts: 1,
          enrichmentNextAt: null,
          enrichmentError: null,
        });
      });

      it('does not change headline or body even when Graph knows other texts', async () => {
        const job = await attributedPatient();
        const source = createFakeAdSource([{ ...implantsAd, adName: 'Renamed ad' }]);
        await enrichAttribution(deps(source), job);
        expect(await harness.readPatient(job.tenantId, job.patientId)).toMatchObject({
          headline: lucia.headline,
          body: lucia.body,
          adName: 'Renamed ad',
        });
      });

      it('records a Graph failure with a next attempt time and loses nothing', async () => {
        const job = await attributedPatient();
        const source = createFakeAdSource();
        source.answers.set(
          job.adId,
          new NamedError('MetaRateLimitError', 'Ads throttle (code 80004)', 840_000),
        );
        const outcome = await enrichAttribution(deps(source), job);

        const nextAttemptAt = new Date(clock.now().getTime() + 840_000);
        expect(outcome).toMatchObject({ status: 'failed', nextAttemptAt });
        expect(await harness.readPatient(job.tenantId, job.patientId)).toMatchObject({
          acquisitionSource: 'META_ADS',
          adId: job.adId,
          headline: lucia.headline,
          body: lucia.body,
          ctwaClid: lucia.ctwaClid,
          enrichmentStatus: 'failed',
          enrichmentAttempts: 1,
          enrichmentNextAt: nextAttemptAt,
          enrichmentError: 'MetaRateLimitError: Ads throttle (code 80004)',
        });
      });

      it('stores Graph names and error messages that held NUL characters, without them', async () => {
        const named = await attributedPatient();
        const hostileNames = {
          ...implantsAd,
          adName: 'Implantes\u0000 - imagen',
          campaignName: '\u0000Implantes Palermo',
        };
        const done = await enrichAttribution(deps(createFakeAdSource([hostileNames])), named);
        const failing = await attributedPatient();
        const source = createFakeAdSource();
        source.answers.set(
          failing.adId,
          new NamedError('MetaTransientError', 'upstream\u0000 down'),
        );
        const failed = await enrichAttribution(deps(source), failing);

        expect([done.status, failed.status]).toEqual(['done', 'failed']);
        expect(await harness.readPatient(named.tenantId, named.patientId)).toMatchObject({
          adName: 'Implantes - imagen',
          campaignName: 'Implantes Palermo',
        });
        expect(await harness.readPatient(failing.tenantId, failing.patientId)).toMatchObject({
          enrichmentStatus: 'failed',
          enrichmentError: 'MetaTransientError: upstream down',
        });
      });

      it('stores an enrichment error with every leaked credential redacted', async () => {
        const job = await attributedPatient();
        const source = createFakeAdSource();
        const leaks = [
          'GET ?access_token%3DEAABsecretsecretsecretsecret123%26fields%3Did',
          'authorization: bearer s3cr3tvalue',
          'token_EAABsecretsecretsecretsecret123',
          'app 123456789012345|a1b2c3d4e5f6a7b8c9d0e1f2',
          'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2ln',
          '{"client_secret":"cs-123","password":"hunter 2"}',
          '?api_key=k3y&appsecret_proof=abcdef0123',
        ];
        source.answers.set(job.adId, new NamedError('MetaTransientError', leaks.join(' ')));
        await enrichAttribution(deps(source), job);

        const stored = await harness.readPatient(job.tenantId, job.patientId);
        expect(stored?.enrichmentError).toBe(
          'MetaTransientError: GET ?access_token%3D[redacted]%26fields%3Did ' +
            'authorization: bearer [redacted] token_[redacted] app [redacted] jwt [redacted] ' +
            '{"client_secret":"[redacted]","password":"[redacted]"} ' +
            '?api_key=[redacted]&appsecret_proof=[redacted]',
        );
      });

      it('stores at most 500 characters of a huge enrichment error', async () => {
        const job = await attributedPatient();
        const source = createFakeAdSource();
        source.answers.set(job.adId, new NamedError('MetaTransientError', 'y'.repeat(50_000)));
        await enrichAttribution(deps(source), job);

        const stored = await harness.readPatient(job.tenantId, job.patientId);
        expect(stored?.enrichmentError).toHaveLength(500);
      });

      it('records a not-found ad as final', async () => {
        const job = await attributedPatient(referralOf({ ad_id: '120214583920179999' }));
        expect((await enrichAttribution(deps(), job)).status).toBe('not_found');
        expect(await harness.readPatient(job.tenantId, job.patientId)).toMatchObject({
          enrichmentStatus: 'not_found',
          enrichmentNextAt: null,
          enrichmentAttempts: 1,
        });
      });

      it('keeps known names when a later answer omits them', async () => {
        const job = await attributedPatient();
        await enrichAttribution(deps(), job);
        const partial = createFakeAdSource([{ ...implantsAd, campaignName: null, adName: null }]);
        await enrichAttribution(deps(partial), job);
        expect(await harness.readPatient(job.tenantId, job.patientId)).toMatchObject({
          campaignName: 'Implantes Palermo - Mensajes',
          adName: 'Implantes - carga inmediata - imagen',
          enrichmentAttempts: 2,
        });
      });

      it('does not downgrade a done row when a late failure arrives', async () => {
        const job = await attributedPatient();
        await enrichAttribution(deps(), job);
        const failing = createFakeAdSource();
        failing.outage = new NamedError('MetaTimeoutError', 'timed out after 5000 ms');
        expect((await enrichAttribution(deps(failing), job)).status).toBe('skipped');
        expect((await harness.readPatient(job.tenantId, job.patientId))?.enrichmentStatus).toBe(
          'done',
        );
      });

      it('claims a patient once until the lease ends', async () => {
        const job = await attributedPatient();
        const now = clock.now();
        const leaseUntil = new Date(now.getTime() + 60_000);
        const request = { tenantId: job.tenantId, patientId: job.patientId, now, leaseUntil };

        expect(await harness.store.claimEnrichment(request)).toEqual({ ...job, attempts: 0 });
        expect(await harness.store.claimEnrichment(request)).toBeNull();
        expect(await harness.store.claimEnrichment({ ...request, now: leaseUntil })).toEqual({
          ...job,
          attempts: 0,
        });
        expect(
          await harness.store.claimEnrichment({ ...request, tenantId: 'someone-else' }),
        ).toBeNull();
      });

      it('lets concurrent sweepers claim disjoint rows, skipping done and given-up rows', async () => {
        const jobs = await Promise.all([1, 2, 3, 4, 5].map(() => attributedPatient()));
        const finished = await attributedPatient();
        await enrichAttribution(deps(), finished);
        const gaveUp = await attributedPatient();
        const source = createFakeAdSource();
        source.outage = new Error('down');
        await enrichAttribution({ ...deps(source), retryPolicy: { maxAttempts: 1 } }, gaveUp);

        const now = new Date(clock.now().getTime() + 1);
        const leaseUntil = new Date(now.getTime() + 60_000);
        const worker = async () => {
          const claimed: string[] = [];
          for (;;) {
            const batch = await harness.store.claimDueEnrichments({ now, leaseUntil, limit: 2 });
            if (batch.length === 0) return claimed;
            claimed.push(...batch.map((job) => job.patientId));
          }
        };
        const [a, b] = await Promise.all([worker(), worker()]);
        const claimed = [...a, ...b];

        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed).toEqual(expect.arrayContaining(jobs.map((job) => job.patientId)));
        expect(claimed).not.toContain(finished.patientId);
        expect(claimed).not.toContain(gaveUp.patientId);
        expect(await harness.store.claimDueEnrichments({ now, leaseUntil, limit: 100 })).toEqual(
          [],
        );
      });

      it('enriches each patient once when two workers are handed the same jobs', async () => {
        const jobs = await Promise.all([1, 2, 3, 4].map(() => attributedPatient()));
        const sources = [createFakeAdSource([implantsAd]), createFakeAdSource([implantsAd])];
        const workers = sources.map((source) => createEnrichmentQueue(deps(source)));
        for (const job of jobs) {
          for (const worker of workers) worker.enqueue(job);
        }
        await Promise.all(workers.map((worker) => worker.close()));

        for (const job of jobs) {
          expect(await harness.readPatient(job.tenantId, job.patientId)).toMatchObject({
            enrichmentStatus: 'done',
            enrichmentAttempts: 1,
          });
        }
      });

      it('runs the queue and its sweeper against this store end to end', async () => {
        const jobs = [
          await attributedPatient(lucia),
          await attributedPatient(referralOf({ ad_id: alignersAd.adId })),
          await attributedPatient(lucia),
        ];
        const source = createFakeAdSource([implantsAd, alignersAd]);
        const farFuture = createTestClock('2027-01-01T00:00:00.000Z');
        const queue = createEnrichmentQueue({ ...deps(source), clock: farFuture });

        await queue.sweep();
        for (const job of jobs) {
          expect((await harness.readPatient(job.tenantId, job.patientId))?.enrichmentStatus).toBe(
            'done',
          );
        }
        expect(source.calls.flat().filter((id) => id === implantsAd.adId)).toHaveLength(1);
        await queue.close();
      });
    });

    describe('reads', () => {
      it('reports leads, booked patients and appointments per campaign, cohort style', async () => {
        const tenantId = await tenant();
        const t0 = new Date('2026-11-02T10:00:00.000Z');
        const booked = await patient(tenantId);
        const cancelledOnly = await patient(tenantId);
        const unmapped = await patient(tenantId);
        const organic = await patient(tenantId, 'ORGANIC');
        const touch = (patientId: string, referral: AdReferral) =>
          applyFirstTouch(harness.store, { tenantId, patientId, referral, receivedAt: t0 });
        await touch(booked, lucia);
        await touch(cancelledOnly, lucia);
        await touch(unmapped, rafael);
        await enrichAttribution(deps(), { tenantId, patientId: booked, adId: implantsAd.adId });
        await enrichAttribution(deps(), {
          tenantId,
          patientId: cancelledOnly,
          adId: implantsAd.adId,
        });
        const later = new Date('2027-01-10T10:00:00.000Z');
        await harness.addAppointment(tenantId, booked, 'scheduled', later);
        await harness.addAppointment(tenantId, booked, 'completed', later);
        await harness.addAppointment(tenantId, booked, 'no_show', later);
        await harness.addAppointment(tenantId, cancelledOnly, 'cancelled', later);
        await harness.addAppointment(tenantId, organic, 'scheduled', later);

        const stats = await getMarketingStats(harness.store, { tenantId });
        expect(stats.campaigns).toEqual([
          {
            campaignId: '120214583920170001',
            campaignName: 'Implantes Palermo - Mensajes',
            adId: '120214583920175512',
            adName: 'Implantes - carga inmediata - imagen',
            leads: 2,
            bookedPatients: 1,
            appointments: 2,
            conversionRate: 0.5,
          },
          {
            campaignId: null,
            campaignName: null,
            adId: '120209871236540018',
            adName: null,
            leads: 1,
            bookedPatients: 0,
            appointments: 0,
            conversionRate: 0,
          },
        ]);
        expect(stats.summary).toEqual({
          leads: 3,
          bookedPatients: 1,
          appointments: 2,
          conversionRate: 0.3333,
        });
      });

      it('groups leads whose ad id was lost under an unknown ad, with their bookings', async () => {
        const tenantId = await tenant();
        const known = await patient(tenantId);
        const lostBooked = await patient(tenantId);
        const lostOnly = await patient(tenantId);
        const receivedAt = new Date('2026-11-02T10:00:00.000Z');
        const touch = (patientId: string, referral: AdReferral) =>
          applyFirstTouch(harness.store, { tenantId, patientId, referral, receivedAt });
        await touch(known, lucia);
        await touch(lostBooked, lostId);
        await touch(lostOnly, lostId);
        await harness.addAppointment(tenantId, lostBooked, 'scheduled', receivedAt);
        await harness.addAppointment(tenantId, lostOnly, 'no_show', receivedAt);

        const stats = await getMarketingStats(harness.store, { tenantId });
        expect(stats.campaigns).toEqual([
          {
            campaignId: null,
            campaignName: null,
            adId: null,
            adName: null,
            leads: 2,
            bookedPatients: 1,
            appointments: 1,
            conversionRate: 0.5,
          },
          {
            campaignId: null,
            campaignName: null,
            adId: '120214583920175512',
            adName: null,
            leads: 1,
            bookedPatients: 0,
            appointments: 0,
            conversionRate: 0,
          },
        ]);
        expect(stats.summary.leads).toBe(3);
      });

      it('counts leads by first touch in the half-open range [from, to)', async () => {
        const tenantId = await tenant();
        const inside = await patient(tenantId);
        const atEnd = await patient(tenantId);
        const from = new Date('2026-11-01T03:00:00.000Z');
        const to = new Date('2026-12-01T03:00:00.000Z');
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId: inside,
          referral: lucia,
          receivedAt: from,
        });
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId: atEnd,
          referral: lucia,
          receivedAt: to,
        });

        const stats = await getMarketingStats(harness.store, { tenantId, from, to });
        expect(stats.summary.leads).toBe(1);
        expect(stats.from).toEqual(from);
        expect((await getMarketingStats(harness.store, { tenantId, from: to })).summary.leads).toBe(
          1,
        );
      });

      it("never shows tenant A's rows to tenant B, even for the same ad", async () => {
        const tenantA = await tenant();
        const tenantB = await tenant();
        const leadA = await patient(tenantA);
        await applyFirstTouch(harness.store, {
          tenantId: tenantA,
          patientId: leadA,
          referral: lucia,
          receivedAt: clock.now(),
        });
        await harness.addAppointment(tenantA, leadA, 'scheduled', clock.now());
        const leadB = await patient(tenantB);
        await applyFirstTouch(harness.store, {
          tenantId: tenantB,
          patientId: leadB,
          referral: lucia,
          receivedAt: clock.now(),
        });

        const statsB = await getMarketingStats(harness.store, { tenantId: tenantB });
        expect(statsB.summary).toEqual({
          leads: 1,
          bookedPatients: 0,
          appointments: 0,
          conversionRate: 0,
        });
        const contextA = await getPatientContext(harness.store, {
          tenantId: tenantA,
          phone: `+${phoneSeed - 1}`,
        });
        expect(contextA?.patientId).toBe(leadA);
        expect(
          await getPatientContext(harness.store, { tenantId: tenantB, phone: `+${phoneSeed - 1}` }),
        ).toBeNull();
      });

      it('returns the patient context with attribution and later touches, by any phone spelling', async () => {
        const tenantId = await tenant();
        const patientId = await patient(tenantId);
        const phone = `+${phoneSeed}`;
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: lucia,
          messageId: 'wamid.1',
          receivedAt: new Date('2026-12-01T10:00:00.000Z'),
        });
        await applyFirstTouch(harness.store, {
          tenantId,
          patientId,
          referral: rafael,
          messageId: 'wamid.2',
          receivedAt: new Date('2026-12-02T10:00:00.000Z'),
        });
        await enrichAttribution(deps(), { tenantId, patientId, adId: implantsAd.adId });

        const context = await getPatientContext(harness.store, { tenantId, phone: phone.slice(1) });
        expect(context).toMatchObject({
          tenantId,
          patientId,
          phone,
          acquisitionSource: 'META_ADS',
          firstTouchAt: new Date('2026-12-01T10:00:00.000Z'),
          ad: {
            adId: '120214583920175512',
            headline: 'Implantes dentales con carga inmediata',
            campaignName: 'Implantes Palermo - Mensajes',
            ctwaClid: lucia.ctwaClid,
          },
          enrichment: { status: 'done', attempts: 1, nextAttemptAt: null, error: null },
          laterTouches: [
            {
              messageId: 'wamid.2',
              adId: '120209871236540018',
              sourceType: 'ad',
              sourceId: '120209871236540018',
              ctwaClid: rafael.ctwaClid,
              headline: rafael.headline,
              receivedAt: new Date('2026-12-02T10:00:00.000Z'),
            },
          ],
        });
        expect(
          await getPatientContext(harness.store, { tenantId, phone: `whatsapp:${phone}` }),
        ).toEqual(context);
      });

      it('finds a patient the host keyed on a BSUID because the phone was withheld', async () => {
        const tenantId = await tenant();
        const patientId = await harness.addPatient(tenantId, 'AR.9051728364019283746');
        const context = await getPatientContext(harness.store, {
          tenantId,
          phone: 'AR.9051728364019283746',
        });
        expect(context).toMatchObject({ patientId, phone: 'AR.9051728364019283746' });
      });

      it('returns a context without ad for an organic patient and null for an unknown phone', async () => {
        const tenantId = await tenant();
        await patient(tenantId, 'ORGANIC');
        const context = await getPatientContext(harness.store, {
          tenantId,
          phone: `+${phoneSeed}`,
        });
        expect(context).toMatchObject({ acquisitionSource: 'ORGANIC', ad: null, laterTouches: [] });
        expect(
          await getPatientContext(harness.store, { tenantId, phone: '+13055550999' }),
        ).toBeNull();
      });
    });
  });
}
