import type { PatientContext } from '@ctwa/attribution-core';
import { maskPhone } from '../phone.js';

function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}

/** The attribution fields of a patient, in the snake_case the HTTP API speaks. */
export function presentAttribution(context: PatientContext) {
  return {
    acquisition_source: context.acquisitionSource,
    first_touch_at: isoOrNull(context.firstTouchAt),
    ad_id: context.ad?.adId ?? null,
    ad_name: context.ad?.adName ?? null,
    headline: context.ad?.headline ?? null,
    body: context.ad?.body ?? null,
    campaign_id: context.ad?.campaignId ?? null,
    campaign_name: context.ad?.campaignName ?? null,
    adset_id: context.ad?.adsetId ?? null,
    adset_name: context.ad?.adsetName ?? null,
    ctwa_clid: context.ad?.ctwaClid ?? null,
    source_url: context.ad?.sourceUrl ?? null,
    enrichment_status: context.enrichment.status,
  };
}

/** A patient with attribution for admin screens; the phone is masked, never echoed whole. */
export function presentPatientContext(context: PatientContext) {
  return {
    patient_id: context.patientId,
    phone: maskPhone(context.phone),
    name: context.name,
    created_at: context.createdAt.toISOString(),
    attribution: presentAttribution(context),
    enrichment: {
      status: context.enrichment.status,
      attempts: context.enrichment.attempts,
      next_attempt_at: isoOrNull(context.enrichment.nextAttemptAt),
      error: context.enrichment.error,
    },
    later_touches: context.laterTouches.map((touch) => ({
      message_id: touch.messageId,
      ad_id: touch.adId,
      source_type: touch.sourceType,
      source_id: touch.sourceId,
      ctwa_clid: touch.ctwaClid,
      headline: touch.headline,
      received_at: touch.receivedAt.toISOString(),
    })),
  };
}
