import { HostSchemaError } from '../errors.js';
import { runScript, type SqlClient } from './sql-client.js';

/** Serializes concurrent migrations of one database (two replicas booting at once). */
const MIGRATION_LOCK_KEY = 7_403_916_221;

// Sent as one simple-protocol script, which Postgres runs as one implicit transaction: a failure
// leaves nothing half-applied, and the transaction-scoped advisory lock is released at its end.
const MIGRATION_SQL = `
SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});

ALTER TABLE patients
  ADD COLUMN IF NOT EXISTS acquisition_source text,
  ADD COLUMN IF NOT EXISTS meta_ad_id text,
  ADD COLUMN IF NOT EXISTS meta_ad_headline text,
  ADD COLUMN IF NOT EXISTS meta_ad_body text,
  ADD COLUMN IF NOT EXISTS meta_campaign_id text,
  ADD COLUMN IF NOT EXISTS meta_campaign_name text,
  ADD COLUMN IF NOT EXISTS meta_adset_id text,
  ADD COLUMN IF NOT EXISTS meta_adset_name text,
  ADD COLUMN IF NOT EXISTS meta_ad_name text,
  ADD COLUMN IF NOT EXISTS meta_ctwa_clid text,
  ADD COLUMN IF NOT EXISTS meta_source_url text,
  ADD COLUMN IF NOT EXISTS first_touch_at timestamptz,
  ADD COLUMN IF NOT EXISTS meta_first_touch_message_id text,
  ADD COLUMN IF NOT EXISTS meta_enrichment_status text,
  ADD COLUMN IF NOT EXISTS meta_enrichment_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS meta_enrichment_next_at timestamptz,
  ADD COLUMN IF NOT EXISTS meta_enrichment_error text,
  ADD COLUMN IF NOT EXISTS meta_enriched_at timestamptz;

CREATE INDEX IF NOT EXISTS patients_attribution_stats_idx
  ON patients (tenant_id, acquisition_source, first_touch_at);

CREATE INDEX IF NOT EXISTS patients_enrichment_due_idx
  ON patients (meta_enrichment_next_at NULLS FIRST)
  WHERE meta_enrichment_status IN ('pending', 'failed');

CREATE TABLE IF NOT EXISTS patient_ad_touches (
  id bigserial PRIMARY KEY,
  tenant_id text NOT NULL,
  patient_id bigint NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  message_id text,
  ad_id text,
  source_type text NOT NULL,
  source_id text,
  ctwa_clid text,
  headline text,
  body text,
  source_url text,
  received_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT patient_ad_touches_message_unique UNIQUE (tenant_id, message_id)
);

CREATE INDEX IF NOT EXISTS patient_ad_touches_patient_idx
  ON patient_ad_touches (tenant_id, patient_id, received_at DESC);
`;

/**
 * Adds the attribution columns and indexes to the host's `patients` table and creates
 * `patient_ad_touches`. Idempotent and safe to run from several processes at once (an advisory
 * lock serializes them). Needs the host's `patients (id bigint, tenant_id, phone, ...)` table;
 * unqualified names follow the connection's `search_path`.
 *
 * @example
 * await migrateAttribution(pool); // at startup, after the host's own migrations
 */
export async function migrateAttribution(db: SqlClient): Promise<void> {
  const { rows } = await db.query("SELECT to_regclass('patients')::text AS patients");
  const found = (rows[0] as { patients?: unknown } | undefined)?.patients;
  if (typeof found !== 'string') {
    throw new HostSchemaError(
      'migrateAttribution needs the host table "patients" (id bigint, tenant_id, phone) on the ' +
        "connection's search_path. Create it (run the host's own migrations) first.",
    );
  }
  await runScript(db, MIGRATION_SQL);
}
