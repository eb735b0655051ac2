import type { SqlClient } from './sql.js';

// The host tables an orchestrator already has. ctwa-kit's migration adds its columns to
// `patients` afterwards, so these must exist first. One statement per query, because PGlite's
// query() runs a single statement.
const hostTableStatements = [
  `CREATE TABLE IF NOT EXISTS tenants (
    id text PRIMARY KEY,
    name text NOT NULL,
    time_zone text NOT NULL DEFAULT 'UTC',
    whatsapp_phone_number_id text UNIQUE)`,
  `CREATE TABLE IF NOT EXISTS patients (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL REFERENCES tenants(id),
    phone text NOT NULL,
    name text,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, phone))`,
  `CREATE TABLE IF NOT EXISTS appointments (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL REFERENCES tenants(id),
    patient_id bigint NOT NULL REFERENCES patients(id),
    status text NOT NULL DEFAULT 'scheduled',
    appointment_datetime timestamptz NOT NULL)`,
  // Covering `status` lets per-campaign stats count booked patients from the index alone.
  // Databases created before it carry the same index without `status`: it is dropped once its
  // replacement exists, so no moment goes without an index.
  `CREATE INDEX IF NOT EXISTS appointments_tenant_patient_status_idx
    ON appointments (tenant_id, patient_id) INCLUDE (status)`,
  'DROP INDEX IF EXISTS appointments_tenant_patient_idx',
  `CREATE TABLE IF NOT EXISTS chat_messages (
    id bigserial PRIMARY KEY,
    tenant_id text NOT NULL REFERENCES tenants(id),
    patient_id bigint NOT NULL REFERENCES patients(id),
    provider_message_id text,
    body text NOT NULL,
    received_at timestamptz NOT NULL,
    UNIQUE (tenant_id, provider_message_id))`,
];

/** Creates the reference server's host tables (tenants, patients, appointments, chat_messages). */
export async function migrateHostTables(db: SqlClient): Promise<void> {
  for (const statement of hostTableStatements) {
    await db.query(statement);
  }
}

/** A clinic using the server; `timeZone` is an IANA name used for report date ranges. */
export interface Tenant {
  id: string;
  name: string;
  timeZone: string;
  whatsappPhoneNumberId: string | null;
}

/** The first demo clinic, in Buenos Aires; the development admin token is for this tenant. */
export const arrayan: Tenant = {
  id: 'arrayan',
  name: 'Clínica Dental Arrayán',
  timeZone: 'America/Argentina/Buenos_Aires',
  whatsappPhoneNumberId: '118204736591028',
};

/** The second demo clinic, in São Paulo, whose WhatsApp provider is YCloud. */
export const sorrisoMoema: Tenant = {
  id: 'sorriso-moema',
  name: 'Sorriso Moema',
  timeZone: 'America/Sao_Paulo',
  whatsappPhoneNumberId: null,
};

/** The clinics the demo and the development server start with. */
export const demoTenants: readonly Tenant[] = [arrayan, sorrisoMoema];

/** Inserts or refreshes tenants by id. */
export async function upsertTenants(db: SqlClient, tenants: readonly Tenant[]): Promise<void> {
  for (const tenant of tenants) {
    await db.query(
      `INSERT INTO tenants (id, name, time_zone, whatsapp_phone_number_id)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone,
         whatsapp_phone_number_id = EXCLUDED.whatsapp_phone_number_id`,
      [tenant.id, tenant.name, tenant.timeZone, tenant.whatsappPhoneNumberId],
    );
  }
}
