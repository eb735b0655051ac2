import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateHostTables } from '../../examples/express-server/src/host/schema.js';
import { databaseUrl } from './support/test-server.js';

describe('migrateHostTables', () => {
  const freshSchema = `e2e_host_schema_fresh_${randomBytes(4).toString('hex')}`;
  const upgradedSchema = `e2e_host_schema_old_${randomBytes(4).toString('hex')}`;
  let admin: pg.Client;
  let fresh: pg.Pool;
  let upgraded: pg.Pool;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${freshSchema}`);
    await admin.query(`CREATE SCHEMA ${upgradedSchema}`);
    fresh = new pg.Pool({
      connectionString: databaseUrl,
      options: `-c search_path=${freshSchema}`,
    });
    upgraded = new pg.Pool({
      connectionString: databaseUrl,
      options: `-c search_path=${upgradedSchema}`,
    });
  });

  afterAll(async () => {
    await fresh?.end();
    await upgraded?.end();
    await admin?.query(`DROP SCHEMA IF EXISTS ${freshSchema} CASCADE`);
    await admin?.query(`DROP SCHEMA IF EXISTS ${upgradedSchema} CASCADE`);
    await admin?.end();
  });

  async function appointmentIndexes(schema: string): Promise<string[]> {
    const { rows } = await admin.query<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes
       WHERE schemaname = $1 AND tablename = 'appointments' AND indexname <> 'appointments_pkey'
       ORDER BY indexname`,
      [schema],
    );
    return rows.map((row) => row.indexdef);
  }

  const coveringIndex = (schema: string) =>
    `CREATE INDEX appointments_tenant_patient_status_idx ON ${schema}.appointments USING btree (tenant_id, patient_id) INCLUDE (status)`;

  it('creates the appointments index on (tenant_id, patient_id) covering status, and runs twice', async () => {
    await migrateHostTables(fresh);
    await migrateHostTables(fresh);

    expect(await appointmentIndexes(freshSchema)).toEqual([coveringIndex(freshSchema)]);
  });

  it('replaces the index of a database created without status in it, keeping the appointments', async () => {
    await upgraded.query('CREATE TABLE tenants (id text PRIMARY KEY, name text NOT NULL)');
    await upgraded.query(`CREATE TABLE patients (
      id bigserial PRIMARY KEY, tenant_id text NOT NULL REFERENCES tenants(id), phone text NOT NULL)`);
    await upgraded.query(`CREATE TABLE appointments (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL REFERENCES tenants(id),
      patient_id bigint NOT NULL REFERENCES patients(id),
      status text NOT NULL DEFAULT 'scheduled',
      appointment_datetime timestamptz NOT NULL)`);
    await upgraded.query(
      'CREATE INDEX appointments_tenant_patient_idx ON appointments (tenant_id, patient_id)',
    );
    await upgraded.query(`INSERT INTO tenants (id, name) VALUES ('arrayan', 'Arrayán')`);
    await upgraded.query(
      `INSERT INTO patients (tenant_id, phone) VALUES ('arrayan', '+5491155500101')`,
    );
    await upgraded.query(`INSERT INTO appointments (tenant_id, patient_id, appointment_datetime)
      SELECT 'arrayan', id, '2026-12-10T14:00:00Z' FROM patients`);

    await migrateHostTables(upgraded);
    await migrateHostTables(upgraded);
    const { rows } = await upgraded.query('SELECT status FROM appointments');

    expect(await appointmentIndexes(upgradedSchema)).toEqual([coveringIndex(upgradedSchema)]);
    expect(rows).toEqual([{ status: 'scheduled' }]);
  });
});
