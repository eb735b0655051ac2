/** The host tables a clinic orchestrator owns; the reference server creates the same ones. */
export const HOST_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS tenants (
  id text PRIMARY KEY, name text NOT NULL, time_zone text NOT NULL DEFAULT 'UTC',
  whatsapp_phone_number_id text UNIQUE);
CREATE TABLE IF NOT EXISTS patients (
  id bigserial PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), phone text NOT NULL,
  name text, created_at timestamptz NOT NULL DEFAULT now(), UNIQUE (tenant_id, phone));
CREATE TABLE IF NOT EXISTS appointments (
  id bigserial PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id),
  patient_id bigint NOT NULL REFERENCES patients(id), status text NOT NULL DEFAULT 'scheduled',
  appointment_datetime timestamptz NOT NULL);
`;
