import { z } from 'zod';
import type { AdTouch, EnrichmentJob, MarketingStatsRow, PatientContext } from '../ports.js';

// Rows are parsed rather than cast: a host's column of an unexpected type should fail loudly
// here, naming the column, instead of leaking a wrong value into a report.
const timestamp = z.preprocess(
  (value) => (typeof value === 'string' ? new Date(value) : value),
  z.date(),
);
const text = z.string().nullable();
const count = z.number().int().nonnegative();

const enrichmentJobRow = z.object({
  tenant_id: z.string(),
  patient_id: z.string(),
  ad_id: z.string(),
  attempts: count,
});

/** A claimed row as a job. */
export function toEnrichmentJob(row: unknown): EnrichmentJob {
  const parsed = enrichmentJobRow.parse(row);
  return {
    tenantId: parsed.tenant_id,
    patientId: parsed.patient_id,
    adId: parsed.ad_id,
    attempts: parsed.attempts,
  };
}

const statsRow = z.object({
  campaign_id: text,
  campaign_name: text,
  ad_id: text,
  ad_name: text,
  leads: count,
  booked_patients: count,
  appointments: count,
});

/** One grouped row of the marketing report. */
export function toMarketingStatsRow(row: unknown): MarketingStatsRow {
  const parsed = statsRow.parse(row);
  return {
    campaignId: parsed.campaign_id,
    campaignName: parsed.campaign_name,
    adId: parsed.ad_id,
    adName: parsed.ad_name,
    leads: parsed.leads,
    bookedPatients: parsed.booked_patients,
    appointments: parsed.appointments,
  };
}

const patientRow = z.object({
  tenant_id: z.string(),
  patient_id: z.string(),
  phone: z.string(),
  name: text,
  created_at: timestamp,
  acquisition_source: text,
  first_touch_at: timestamp.nullable(),
  meta_ad_id: text,
  meta_ad_name: text,
  meta_ad_headline: text,
  meta_ad_body: text,
  meta_campaign_id: text,
  meta_campaign_name: text,
  meta_adset_id: text,
  meta_adset_name: text,
  meta_ctwa_clid: text,
  meta_source_url: text,
  meta_enrichment_status: z.enum(['pending', 'done', 'not_found', 'failed']).nullable(),
  meta_enrichment_attempts: count,
  meta_enrichment_next_at: timestamp.nullable(),
  meta_enrichment_error: text,
});

const touchRow = z.object({
  message_id: text,
  ad_id: text,
  source_type: z.enum(['ad', 'post', 'unknown']),
  source_id: text,
  ctwa_clid: text,
  headline: text,
  received_at: timestamp,
});

/** One row of `patient_ad_touches`. */
export function toAdTouch(row: unknown): AdTouch {
  const parsed = touchRow.parse(row);
  return {
    messageId: parsed.message_id,
    adId: parsed.ad_id,
    sourceType: parsed.source_type,
    sourceId: parsed.source_id,
    ctwaClid: parsed.ctwa_clid,
    headline: parsed.headline,
    receivedAt: parsed.received_at,
  };
}

/** A patient row plus its later touches as a `PatientContext`. */
export function toPatientContext(row: unknown, laterTouches: AdTouch[]): PatientContext {
  const p = patientRow.parse(row);
  return {
    tenantId: p.tenant_id,
    patientId: p.patient_id,
    phone: p.phone,
    name: p.name,
    createdAt: p.created_at,
    acquisitionSource: p.acquisition_source,
    firstTouchAt: p.first_touch_at,
    ad:
      p.acquisition_source === 'META_ADS'
        ? {
            adId: p.meta_ad_id,
            adName: p.meta_ad_name,
            headline: p.meta_ad_headline,
            body: p.meta_ad_body,
            campaignId: p.meta_campaign_id,
            campaignName: p.meta_campaign_name,
            adsetId: p.meta_adset_id,
            adsetName: p.meta_adset_name,
            ctwaClid: p.meta_ctwa_clid,
            sourceUrl: p.meta_source_url,
          }
        : null,
    enrichment: {
      status: p.meta_enrichment_status,
      attempts: p.meta_enrichment_attempts,
      nextAttemptAt: p.meta_enrichment_next_at,
      error: p.meta_enrichment_error,
    },
    laterTouches,
  };
}

const firstTouchResultRow = z.object({
  attributed: count,
  patient_exists: z.boolean(),
});

/** The summary row the first-touch statement selects. */
export function parseFirstTouchResult(row: unknown) {
  return firstTouchResultRow.parse(row);
}
