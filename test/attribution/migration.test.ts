import { readFileSync } from 'node:fs';
import {
  applyFirstTouch,
  getMarketingStats,
  getPatientContext,
  HostSchemaError,
  normalizeReferral,
} from '@ctwa/attribution-core';
import { createPgAttributionStore, migrateAttribution } from '@ctwa/attribution-core/pg';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPgliteDatabase,
  createPostgresDatabase,
  type TestDatabase,
} from './support/databases.js';

const ADDED_COLUMNS = [
  'acquisition_source',
  'first_touch_at',
  'meta_ad_body',
  'meta_ad_headline',
  'meta_ad_id',
  'meta_ad_name',
  'meta_adset_id',
  'meta_adset_name',
  'meta_campaign_id',
  'meta_campaign_name',
  'meta_ctwa_clid',
  'meta_enriched_at',
  'meta_enrichment_attempts',
  'meta_enrichment_error',
  'meta_enrichment_next_at',
  'meta_enrichment_status',
  'meta_first_touch_message_id',
  'meta_source_url',
];

async function columnsOf(database: TestDatabase, table: string): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY column_name`,
    [table],
  );
  return rows.map((row) => row.name);
}

async function indexesOf(database: TestDatabase): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`,
  );
  return rows.map((row) => row.name);
}

for (const [name, create] of [
  ['Postgres', () => createPostgresDatabase('migration')],
  ['PGlite', createPgliteDatabase],
] as const) {
  describe(`migrateAttribution (${name})`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await create();
      await database.query(`INSERT INTO tenants (id, name) VALUES ('arrayan', 'Arrayán')`);
      await database.query(
        `INSERT INTO patients (tenant_id, phone, name) VALUES ('arrayan', '+5491155500142', 'Lucía')`,
      );
    });
    afterAll(async () => {
      await database.close();
    });

    it('adds the attribution columns to patients and keeps existing rows', async () => {
      await migrateAttribution(database.db);
      const columns = await columnsOf(database, 'patients');
      expect(columns).toEqual(
        [...ADDED_COLUMNS, 'created_at', 'id', 'name', 'phone', 'tenant_id'].sort(),
      );
      expect(await database.query('SELECT name, meta_enrichment_attempts FROM patients')).toEqual([
        { name: 'Lucía', meta_enrichment_attempts: 0 },
      ]);
    });

    it('creates patient_ad_touches and the indexes', async () => {
      expect(await columnsOf(database, 'patient_ad_touches')).toEqual([
        'ad_id',
        'body',
        'created_at',
        'ctwa_clid',
        'headline',
        'id',
        'message_id',
        'patient_id',
        'received_at',
        'source_id',
        'source_type',
        'source_url',
        'tenant_id',
      ]);
      expect(await indexesOf(database)).toEqual(
        expect.arrayContaining([
          'patient_ad_touches_message_unique',
          'patient_ad_touches_patient_idx',
          'patients_attribution_stats_idx',
          'patients_enrichment_due_idx',
        ]),
      );
    });

    it('is idempotent, also when several processes run it at once', async () => {
      const before = await indexesOf(database);
      await Promise.all([1, 2, 3, 4].map(() => migrateAttribution(database.db)));
      expect(await indexesOf(database)).toEqual(before);
      expect((await columnsOf(database, 'patients')).length).toBe(ADDED_COLUMNS.length + 5);
    });
  });
}

/** The host schema the README documents, read from the README so the two cannot drift apart. */
function readmeHostTablesSql(): string {
  const readme = readFileSync(
    new URL('../../packages/attribution-core/README.md', import.meta.url),
    'utf8',
  );
  const blocks = [...readme.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  const hostTables = blocks.find((block) => block.includes('CREATE TABLE IF NOT EXISTS patients'));
  if (hostTables === undefined) throw new Error('the README documents no host tables');
  return hostTables;
}

/** Exactly the patients table an earlier README asked for, and no appointments table. */
const PARTIAL_HOST_TABLES_SQL = `
CREATE TABLE patients (id bigserial PRIMARY KEY, tenant_id text NOT NULL, phone text NOT NULL);
`;

for (const [name, create] of [
  ['Postgres', (sql: string) => createPostgresDatabase('host_check', sql)],
  ['PGlite', (sql: string) => createPgliteDatabase(sql)],
] as const) {
  describe(`migrateAttribution host tables (${name})`, () => {
    it('names every missing host column, patients and appointments alike, and changes nothing', async () => {
      const database = await create(PARTIAL_HOST_TABLES_SQL);
      try {
        const error = await migrateAttribution(database.db).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(HostSchemaError);
        expect(error).toMatchObject({
          code: 'host_schema',
          missingColumns: [
            'patients.name',
            'patients.created_at',
            'appointments.tenant_id',
            'appointments.patient_id',
            'appointments.status',
          ],
          message:
            "migrateAttribution needs host columns that are missing on the connection's " +
            'search_path: patients.name, patients.created_at, appointments.tenant_id, ' +
            "appointments.patient_id, appointments.status. Create them (run the host's own " +
            'migrations) first.',
        });
        expect(await columnsOf(database, 'patients')).toEqual(['id', 'phone', 'tenant_id']);
      } finally {
        await database.close();
      }
    });

    it('migrates and serves first touch, context and stats on exactly the README host tables', async () => {
      const database = await create(readmeHostTablesSql());
      try {
        await migrateAttribution(database.db);
        const store = createPgAttributionStore(database.db);
        const [row] = await database.query<{ id: string }>(
          `INSERT INTO patients (tenant_id, phone, name) VALUES ('arrayan', '+5491155500142', 'Lucía')
           RETURNING id::text AS id`,
        );
        const patientId = row?.id ?? '';
        const referral = normalizeReferral({ ad_id: '120214583920175512', headline: 'Implantes' });
        if (referral === null) throw new Error('referral did not normalize');
        const receivedAt = new Date('2026-12-01T14:15:38.000Z');
        await applyFirstTouch(store, { tenantId: 'arrayan', patientId, referral, receivedAt });
        await database.query(
          `INSERT INTO appointments (tenant_id, patient_id, status, starts_at)
           VALUES ('arrayan', $1, 'confirmed', $2), ('arrayan', $1, 'cancelled', $2)`,
          [patientId, receivedAt],
        );

        const context = await getPatientContext(store, {
          tenantId: 'arrayan',
          phone: '+5491155500142',
        });
        expect(context).toMatchObject({ name: 'Lucía', ad: { headline: 'Implantes' } });
        const stats = await getMarketingStats(store, { tenantId: 'arrayan' });
        expect(stats.summary).toEqual({
          leads: 1,
          bookedPatients: 1,
          appointments: 1,
          conversionRate: 1,
        });
      } finally {
        await database.close();
      }
    });
  });
}

describe('migrateAttribution without host tables', () => {
  it('lists every host column it needs when no host table exists', async () => {
    const empty = new PGlite();
    const error = await migrateAttribution(empty).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostSchemaError);
    expect((error as HostSchemaError).missingColumns).toEqual([
      'patients.id',
      'patients.tenant_id',
      'patients.phone',
      'patients.name',
      'patients.created_at',
      'appointments.tenant_id',
      'appointments.patient_id',
      'appointments.status',
    ]);
    await empty.close();
  });
});
