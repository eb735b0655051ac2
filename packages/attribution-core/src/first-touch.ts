import { PatientNotFoundError } from './errors.js';
import { cleanMessageId, isRecord } from './internal/text.js';
import { requireDate, requireId, requirePatientId } from './internal/validate.js';
import type { AttributionStore } from './ports.js';
import { type AdReferral, cleanAdReferral } from './referral/ad-referral.js';

/** Input of `applyFirstTouch`. */
export interface FirstTouchInput {
  tenantId: string;
  patientId: string;
  referral: AdReferral;
  /** The provider message id (wamid, MessageSid); makes redelivered webhooks idempotent. */
  messageId?: string | null;
  /** When the message was received (or sent, when the provider says). */
  receivedAt: Date;
}

/** What `applyFirstTouch` did; enqueue enrichment when `enrichmentPending` is true. */
export interface FirstTouchResult {
  outcome: 'attributed' | 'kept_existing' | 'not_an_ad';
  /** True when this touch was attributed and has an ad id to enrich. */
  enrichmentPending: boolean;
}

/**
 * Records an ad referral as the patient's first touch, in one conditional write: it attributes
 * only when `acquisition_source` is NULL or 'ORGANIC'. A patient already attributed keeps the
 * first touch, and the referral is logged as a later touch (once per tenant and message id).
 * An ad touch whose ad id was lost (`sourceType: 'ad'`, `adId: null`) attributes all the same,
 * keeping its click id and texts, but schedules no enrichment; so does one whose `adId` is not 1
 * to 32 ASCII digits. A referral whose `sourceType` is not exactly `'ad'` (a Page post, an
 * unknown source) changes nothing and yields `'not_an_ad'`, whatever its `adId`.
 *
 * @throws AttributionInputError for a missing tenant id, a patient id that is not a decimal
 *   bigint, or an invalid date.
 * @throws PatientNotFoundError when the patient is not in that tenant.
 * @example
 * const { enrichmentPending } = await applyFirstTouch(store, {
 *   tenantId, patientId, referral, messageId: message.id, receivedAt: new Date(),
 * });
 * if (enrichmentPending && referral.adId) {
 *   queue.enqueue({ tenantId, patientId, adId: referral.adId });
 * }
 */
export async function applyFirstTouch(
  store: AttributionStore,
  input: FirstTouchInput,
): Promise<FirstTouchResult> {
  const tenantId = requireId('tenantId', input.tenantId);
  const patientId = requirePatientId(input.patientId);
  const receivedAt = requireDate('receivedAt', input.receivedAt);
  // A host may build the referral by hand: the same cleaning as normalizeReferral keeps NUL
  // and oversized text away from the database, where it would fail the whole write.
  const referral = isRecord(input.referral) ? cleanAdReferral(input.referral) : null;
  if (referral === null || !isAdTouch(referral)) {
    return { outcome: 'not_an_ad', enrichmentPending: false };
  }

  const messageId = cleanMessageId(input.messageId);
  const result = await store.applyFirstTouch({
    tenantId,
    patientId,
    adId: referral.adId,
    referral,
    messageId,
    receivedAt,
  });
  if (result === 'patient_not_found') throw new PatientNotFoundError(tenantId, patientId);
  return { outcome: result, enrichmentPending: result === 'attributed' && referral.adId !== null };
}

function isAdTouch(referral: AdReferral): boolean {
  return referral.sourceType === 'ad';
}

/**
 * Marks a patient 'ORGANIC' when nothing attributed them yet, so reports can tell "not from an
 * ad" from "not processed". A later ad referral still attributes an ORGANIC patient.
 *
 * @returns whether the row changed.
 */
export async function markOrganic(
  store: AttributionStore,
  input: { tenantId: string; patientId: string },
): Promise<boolean> {
  const tenantId = requireId('tenantId', input.tenantId);
  const patientId = requirePatientId(input.patientId);
  return store.markOrganic({ tenantId, patientId });
}
