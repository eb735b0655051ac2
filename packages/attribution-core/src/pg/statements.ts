/**
 * The SQL of the Postgres store. Every statement filters by tenant_id except CLAIM_DUE, the
 * cross-tenant worker claim. Status literals are written in the text (not bound) so the partial
 * index on due rows can be used by prepared plans.
 */

/**
 * One conditional UPDATE makes the first touch. When it matches no row (the patient was already
 * attributed), the same statement logs the referral as a later touch, idempotent per tenant and
 * message id; a redelivery of the first-touch message itself logs nothing. An ad touch whose ad
 * id was lost ($3 NULL) is attributed with no enrichment scheduled.
 *
 * FOR UPDATE matters when a redelivery races the first delivery: the loser's UPDATE waits for the
 * winner's row lock, and only a locking read re-reads the committed row (READ COMMITTED
 * re-check), so it sees the winner's message id instead of the stale snapshot.
 */
export const APPLY_FIRST_TOUCH = `
WITH attributed AS (
  UPDATE patients SET
    acquisition_source = 'META_ADS',
    meta_ad_id = $3, meta_ad_headline = $4, meta_ad_body = $5, meta_ctwa_clid = $6,
    meta_source_url = $7, first_touch_at = $8, meta_first_touch_message_id = $9,
    meta_campaign_id = NULL, meta_campaign_name = NULL, meta_adset_id = NULL,
    meta_adset_name = NULL, meta_ad_name = NULL,
    meta_enrichment_status = CASE WHEN $3::text IS NULL THEN NULL ELSE 'pending' END,
    meta_enrichment_attempts = 0,
    meta_enrichment_next_at = NULL, meta_enrichment_error = NULL, meta_enriched_at = NULL
  WHERE tenant_id = $1 AND id = $2
    AND (acquisition_source IS NULL OR acquisition_source = 'ORGANIC')
  RETURNING id
), later_touch AS (
  INSERT INTO patient_ad_touches
    (tenant_id, patient_id, message_id, ad_id, source_type, source_id, ctwa_clid, headline, body,
     source_url, received_at)
  SELECT p.tenant_id, p.id, $9, $3, $10, $11, $6, $4, $5, $7, $8
  FROM patients p
  WHERE p.tenant_id = $1 AND p.id = $2
    AND NOT EXISTS (SELECT 1 FROM attributed)
    AND ($9::text IS NULL OR p.meta_first_touch_message_id IS DISTINCT FROM $9::text)
  FOR UPDATE OF p
  ON CONFLICT ON CONSTRAINT patient_ad_touches_message_unique DO NOTHING
  RETURNING id
)
SELECT
  (SELECT count(*) FROM attributed)::int AS attributed,
  (SELECT count(*) FROM later_touch)::int AS later_touches,
  EXISTS (SELECT 1 FROM patients WHERE tenant_id = $1 AND id = $2) AS patient_exists`;

/** Only an unattributed patient becomes ORGANIC; an attributed one is never downgraded. */
export const MARK_ORGANIC = `
UPDATE patients SET acquisition_source = 'ORGANIC'
WHERE tenant_id = $1 AND id = $2 AND acquisition_source IS NULL
RETURNING id`;

const DUE = `
  meta_ad_id IS NOT NULL
  AND meta_enrichment_status IN ('pending', 'failed')
  AND ((meta_enrichment_status = 'pending' AND meta_enrichment_next_at IS NULL)
       OR meta_enrichment_next_at <= $NOW)`;

/** Claims one row by moving its next attempt to the lease end; a second claimer finds it not due. */
export const CLAIM_ONE = `
UPDATE patients SET meta_enrichment_next_at = $4
WHERE tenant_id = $1 AND id = $2 AND ${DUE.replace('$NOW', '$3')}
RETURNING tenant_id, id::text AS patient_id, meta_ad_id AS ad_id,
  meta_enrichment_attempts AS attempts`;

/** SKIP LOCKED lets several sweepers claim disjoint rows without waiting on each other. */
export const CLAIM_DUE = `
UPDATE patients SET meta_enrichment_next_at = $2
WHERE id IN (
  SELECT id FROM patients
  WHERE ${DUE.replace('$NOW', '$1')}
  ORDER BY meta_enrichment_next_at NULLS FIRST, id
  LIMIT $3
  FOR UPDATE SKIP LOCKED)
RETURNING tenant_id, id::text AS patient_id, meta_ad_id AS ad_id,
  meta_enrichment_attempts AS attempts`;

/** COALESCE keeps a known name when Graph omits it; headline and body are never written here. */
export const SAVE_ENRICHMENT = `
UPDATE patients SET
  meta_campaign_id = COALESCE($4, meta_campaign_id),
  meta_campaign_name = COALESCE($5, meta_campaign_name),
  meta_adset_id = COALESCE($6, meta_adset_id),
  meta_adset_name = COALESCE($7, meta_adset_name),
  meta_ad_name = COALESCE($8, meta_ad_name),
  meta_enrichment_status = 'done',
  meta_enrichment_attempts = meta_enrichment_attempts + 1,
  meta_enrichment_next_at = NULL,
  meta_enrichment_error = NULL,
  meta_enriched_at = $9
WHERE tenant_id = $1 AND id = $2 AND meta_ad_id = $3
RETURNING id`;

/** The `'done'` guard keeps a late failure from a second worker from undoing a success. */
export const RECORD_FAILURE = `
UPDATE patients SET
  meta_enrichment_status = $4,
  meta_enrichment_attempts = meta_enrichment_attempts + 1,
  meta_enrichment_next_at = $5,
  meta_enrichment_error = $6
WHERE tenant_id = $1 AND id = $2 AND meta_ad_id = $3
  AND meta_enrichment_status IS DISTINCT FROM 'done'
RETURNING id`;

/**
 * Patient grain: one row per lead, appointments pre-aggregated per patient, so nothing fans out
 * and no COUNT(DISTINCT) is needed. Appointments are filtered by tenant too.
 */
export const MARKETING_STATS = `
WITH leads AS (
  SELECT id, meta_campaign_id, meta_campaign_name, meta_ad_id, meta_ad_name
  FROM patients
  WHERE tenant_id = $1 AND acquisition_source = 'META_ADS'
    AND ($2::timestamptz IS NULL OR first_touch_at >= $2::timestamptz)
    AND ($3::timestamptz IS NULL OR first_touch_at < $3::timestamptz)
), booked AS (
  SELECT a.patient_id, count(*) AS appointments
  FROM appointments a
  WHERE a.tenant_id = $1
    AND a.patient_id IN (SELECT id FROM leads)
    AND lower(a.status) NOT IN ('cancelled', 'no_show')
  GROUP BY a.patient_id
)
SELECT
  l.meta_campaign_id AS campaign_id,
  max(l.meta_campaign_name) AS campaign_name,
  l.meta_ad_id AS ad_id,
  max(l.meta_ad_name) AS ad_name,
  count(*)::int AS leads,
  count(b.patient_id)::int AS booked_patients,
  COALESCE(sum(b.appointments), 0)::int AS appointments
FROM leads l
LEFT JOIN booked b ON b.patient_id = l.id
GROUP BY l.meta_campaign_id, l.meta_ad_id
ORDER BY leads DESC, campaign_id NULLS LAST, ad_id NULLS LAST`;

/** Prefers the exact spelling when a tenant stored the same number twice (with and without +). */
export const FIND_PATIENT = `
SELECT tenant_id, id::text AS patient_id, phone, name, created_at, acquisition_source,
  first_touch_at, meta_ad_id, meta_ad_name, meta_ad_headline, meta_ad_body, meta_campaign_id,
  meta_campaign_name, meta_adset_id, meta_adset_name, meta_ctwa_clid, meta_source_url,
  meta_enrichment_status, meta_enrichment_attempts, meta_enrichment_next_at, meta_enrichment_error
FROM patients
WHERE tenant_id = $1 AND phone IN ($2, $3)
ORDER BY (phone = $2) DESC, id
LIMIT 1`;

/** The latest later touches, newest first. */
export const LATER_TOUCHES = `
SELECT message_id, ad_id, source_type, source_id, ctwa_clid, headline, received_at
FROM patient_ad_touches
WHERE tenant_id = $1 AND patient_id = $2
ORDER BY received_at DESC, id DESC
LIMIT 20`;
