import { z } from 'zod';
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
 * The host columns the store reads or references: `patients` for the first touch and the patient
 * context, `appointments` for the marketing report.
 */
const REQUIRED_HOST_COLUMNS: readonly (readonly [table: string, column: string])[] = [
  ['patients', 'id'],
  ['patients', 'tenant_id'],
  ['patients', 'phone'],
  ['patients', 'name'],
  ['patients', 'created_at'],
  ['appointments', 'tenant_id'],
  ['appointments', 'patient_id'],
  ['appointments', 'status'],
];

const REQUIRED_HOST_COLUMNS_VALUES = REQUIRED_HOST_COLUMNS.map(
  ([table, column], position) => `('${table}', '${column}', ${position})`,
).join(',\n  ');

// to_regclass resolves each table on the search_path, exactly as the store's statements will.
const MISSING_HOST_COLUMNS_SQL = `
SELECT required.table_name || '.' || required.column_name AS missing
FROM (VALUES
  ${REQUIRED_HOST_COLUMNS_VALUES}
) AS required(table_name, column_name, position)
WHERE NOT EXISTS (
  SELECT 1 FROM pg_attribute a
  WHERE a.attrelid = to_regclass(required.table_name)
    AND a.attname = required.column_name AND a.attnum > 0 AND NOT a.attisdropped)
ORDER BY required.position`;

const missingColumnRow = z.object({ missing: z.string() });

/**
 * Adds the attribution columns and indexes to the host's `patients` table and creates
 * `patient_ad_touches`. Idempotent and safe to run from several processes at once (an advisory
 * lock serializes them). Unqualified names follow the connection's `search_path`.
 *
 * Needs the host's `patients (id bigint, tenant_id, phone, name, created_at)` and
 * `appointments (tenant_id, patient_id, status)`; when any is missing it changes nothing and
 * throws a `HostSchemaError` naming every missing column.
 *
 * @example
 * await migrateAttribution(pool); // at startup, after the host's own migrations
 */
export async function migrateAttribution(db: SqlClient): Promise<void> {
  const missing = await findMissingHostColumns(db);
  if (missing.length > 0) {
    throw new HostSchemaError(
      `migrateAttribution needs host columns that are missing on the connection's search_path: ` +
        `${missing.join(', ')}. Create them (run the host's own migrations) first.`,
      missing,
    );
  }
  await runScript(db, MIGRATION_SQL);
}

async function findMissingHostColumns(db: SqlClient): Promise<string[]> {
  const { rows } = await db.query(MISSING_HOST_COLUMNS_SQL);
  return rows.map((row) => missingColumnRow.parse(row).missing);
}
