import { HostSchemaError } from '@ctwa/attribution-core';
import { migrateAttribution } from '@ctwa/attribution-core/pg';
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

describe('migrateAttribution without host tables', () => {
  it('explains that the host patients table must exist first', async () => {
    const empty = new PGlite();
    await expect(migrateAttribution(empty)).rejects.toThrow(HostSchemaError);
    await expect(migrateAttribution(empty)).rejects.toThrow(/needs the host table "patients"/);
    await empty.close();
  });
});
