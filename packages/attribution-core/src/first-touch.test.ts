import { describe, expect, it } from 'vitest';
import { AttributionInputError, PatientNotFoundError } from './errors.js';
import { applyFirstTouch, markOrganic } from './first-touch.js';
import { createMemoryAttributionStore } from './memory/index.js';
import type { AdReferral } from './referral/ad-referral.js';
import { normalizeReferral } from './referral/normalize.js';

const receivedAt = new Date('2026-12-04T12:00:00.000Z');

function adReferral(adId: string, headline = `Headline of ${adId}`) {
  const referral = normalizeReferral({ source_id: adId, source_type: 'ad', headline });
  if (referral === null) throw new Error('test referral did not normalize');
  return referral;
}

function setup() {
  const store = createMemoryAttributionStore();
  const patientId = store.addPatient({ tenantId: 'arrayan', phone: '+5491155500142' });
  return { store, patientId };
}

describe('applyFirstTouch', () => {
  it('attributes an unattributed patient and marks enrichment pending', async () => {
    const { store, patientId } = setup();
    const result = await applyFirstTouch(store, {
      tenantId: 'arrayan',
      patientId,
      referral: adReferral('120214583920175512'),
      messageId: 'wamid.1',
      receivedAt,
    });
    expect(result).toEqual({ outcome: 'attributed', enrichmentPending: true });
    expect(store.getPatient('arrayan', patientId)).toMatchObject({
      acquisitionSource: 'META_ADS',
      metaAdId: '120214583920175512',
      firstTouchAt: receivedAt,
      enrichmentStatus: 'pending',
    });
  });

  it('does nothing for a referral without an ad id', async () => {
    const { store, patientId } = setup();
    const post = normalizeReferral({ source_id: '1047283910564738', source_type: 'post' });
    if (post === null) throw new Error('post referral did not normalize');
    const result = await applyFirstTouch(store, {
      tenantId: 'arrayan',
      patientId,
      referral: post,
      receivedAt,
    });
    expect(result).toEqual({ outcome: 'not_an_ad', enrichmentPending: false });
    expect(store.getPatient('arrayan', patientId)?.acquisitionSource).toBeNull();
  });

  it.each(['post', '__proto__', 'AD\u0000', 'AD'])(
    'changes nothing for a hand-built referral of source type %j, even with an ad id',
    async (sourceType) => {
      const { store, patientId } = setup();
      const handBuilt = { ...adReferral('120214583920175512'), sourceType } as AdReferral;
      const result = await applyFirstTouch(store, {
        tenantId: 'arrayan',
        patientId,
        referral: handBuilt,
        receivedAt,
      });
      expect(result).toEqual({ outcome: 'not_an_ad', enrichmentPending: false });
      expect(store.getPatient('arrayan', patientId)).toMatchObject({
        acquisitionSource: null,
        metaAdId: null,
      });
    },
  );

  it.each(['not an id/../x', '12a', ' 1 ', '1'.repeat(33), '１２'])(
    'attributes a hand-built ad touch with ad id %j as META_ADS without an ad id to enrich',
    async (adId) => {
      const { store, patientId } = setup();
      const result = await applyFirstTouch(store, {
        tenantId: 'arrayan',
        patientId,
        referral: { ...adReferral('120214583920175512'), adId },
        receivedAt,
      });
      expect(result).toEqual({ outcome: 'attributed', enrichmentPending: false });
      expect(store.getPatient('arrayan', patientId)).toMatchObject({
        acquisitionSource: 'META_ADS',
        metaAdId: null,
      });
    },
  );

  it('names the bad field when an id is empty', async () => {
    const { store, patientId } = setup();
    const call = applyFirstTouch(store, {
      tenantId: ' ',
      patientId,
      referral: adReferral('1'),
      receivedAt,
    });
    await expect(call).rejects.toThrow(AttributionInputError);
    await expect(call).rejects.toMatchObject({ field: 'tenantId' });
  });

  it('rejects an invalid receivedAt', async () => {
    const { store, patientId } = setup();
    const call = applyFirstTouch(store, {
      tenantId: 'arrayan',
      patientId,
      referral: adReferral('1'),
      receivedAt: new Date('not a date'),
    });
    await expect(call).rejects.toMatchObject({
      name: 'AttributionInputError',
      field: 'receivedAt',
    });
  });

  it('throws PatientNotFoundError for a patient of another tenant', async () => {
    const { store, patientId } = setup();
    const call = applyFirstTouch(store, {
      tenantId: 'odontoclara',
      patientId,
      referral: adReferral('1'),
      receivedAt,
    });
    await expect(call).rejects.toThrow(PatientNotFoundError);
    expect(store.getPatient('arrayan', patientId)?.acquisitionSource).toBeNull();
  });
});

describe('markOrganic', () => {
  it('marks an unattributed patient ORGANIC once and never downgrades an attributed one', async () => {
    const { store, patientId } = setup();
    expect(await markOrganic(store, { tenantId: 'arrayan', patientId })).toBe(true);
    expect(await markOrganic(store, { tenantId: 'arrayan', patientId })).toBe(false);

    await applyFirstTouch(store, {
      tenantId: 'arrayan',
      patientId,
      referral: adReferral('7'),
      receivedAt,
    });
    expect(await markOrganic(store, { tenantId: 'arrayan', patientId })).toBe(false);
    expect(store.getPatient('arrayan', patientId)?.acquisitionSource).toBe('META_ADS');
  });
});
