import type { AttributionStore } from '@ctwa/attribution-core';
import { createMemoryAttributionStore } from '@ctwa/attribution-core/memory';
import { createPgAttributionStore, migrateAttribution } from '@ctwa/attribution-core/pg';
import type { TestDatabase } from './databases.js';

/** What a contract test reads back from a patient row, whatever the store. */
export interface PatientSnapshot {
  acquisitionSource: string | null;
  adId: string | null;
  headline: string | null;
  body: string | null;
  ctwaClid: string | null;
  campaignId: string | null;
  campaignName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  adName: string | null;
  firstTouchAt: Date | null;
  enrichmentStatus: string | null;
  enrichmentAttempts: number;
  enrichmentNextAt: Date | null;
  enrichmentError: string | null;
}

/** A store plus the host-side seeding and inspection a contract test needs. */
export interface StoreHarness {
  store: AttributionStore;
  /** True when the store runs on several connections, so races are real. */
  concurrent: boolean;
  addTenant(id: string): Promise<void>;
  addPatient(tenantId: string, phone: string, acquisitionSource?: string | null): Promise<string>;
  addAppointment(tenantId: string, patientId: string, status: string, at: Date): Promise<void>;
  readPatient(tenantId: string, patientId: string): Promise<PatientSnapshot | null>;
  readTouches(
    tenantId: string,
    patientId: string,
  ): Promise<{ messageId: string | null; adId: string | null }[]>;
  close(): Promise<void>;
}

export async function createSqlHarness(database: TestDatabase): Promise<StoreHarness> {
  await migrateAttribution(database.db);
  const { query } = database;
  return {
    store: createPgAttributionStore(database.db),
    concurrent: database.kind === 'postgres',
    async addTenant(id) {
      await query('INSERT INTO tenants (id, name) VALUES ($1, $1)', [id]);
    },
    async addPatient(tenantId, phone, acquisitionSource = null) {
      const rows = await query<{ id: string }>(
        `INSERT INTO patients (tenant_id, phone, acquisition_source) VALUES ($1, $2, $3)
         RETURNING id::text AS id`,
        [tenantId, phone, acquisitionSource],
      );
      return rows[0]?.id ?? '';
    },
    async addAppointment(tenantId, patientId, status, at) {
      await query(
        `INSERT INTO appointments (tenant_id, patient_id, status, appointment_datetime)
         VALUES ($1, $2, $3, $4)`,
        [tenantId, patientId, status, at],
      );
    },
    async readPatient(tenantId, patientId) {
      const rows = await query<PatientSnapshot>(
        `SELECT acquisition_source AS "acquisitionSource", meta_ad_id AS "adId",
           meta_ad_headline AS headline, meta_ad_body AS body, meta_ctwa_clid AS "ctwaClid",
           meta_campaign_id AS "campaignId", meta_campaign_name AS "campaignName",
           meta_adset_id AS "adsetId", meta_adset_name AS "adsetName", meta_ad_name AS "adName",
           first_touch_at AS "firstTouchAt", meta_enrichment_status AS "enrichmentStatus",
           meta_enrichment_attempts AS "enrichmentAttempts",
           meta_enrichment_next_at AS "enrichmentNextAt", meta_enrichment_error AS "enrichmentError"
         FROM patients WHERE tenant_id = $1 AND id = $2`,
        [tenantId, patientId],
      );
      return rows[0] ?? null;
    },
    async readTouches(tenantId, patientId) {
      return query(
        `SELECT message_id AS "messageId", ad_id AS "adId" FROM patient_ad_touches
         WHERE tenant_id = $1 AND patient_id = $2 ORDER BY id`,
        [tenantId, patientId],
      );
    },
    close: () => database.close(),
  };
}

export async function createMemoryHarness(): Promise<StoreHarness> {
  const store = createMemoryAttributionStore();
  return {
    store,
    concurrent: false,
    async addTenant() {},
    async addPatient(tenantId, phone, acquisitionSource = null) {
      return store.addPatient({ tenantId, phone, acquisitionSource });
    },
    async addAppointment(tenantId, patientId, status, at) {
      store.addAppointment({ tenantId, patientId, status, at });
    },
    async readPatient(tenantId, patientId) {
      const row = store.getPatient(tenantId, patientId);
      if (row === null) return null;
      return {
        acquisitionSource: row.acquisitionSource,
        adId: row.metaAdId,
        headline: row.metaAdHeadline,
        body: row.metaAdBody,
        ctwaClid: row.metaCtwaClid,
        campaignId: row.metaCampaignId,
        campaignName: row.metaCampaignName,
        adsetId: row.metaAdsetId,
        adsetName: row.metaAdsetName,
        adName: row.metaAdName,
        firstTouchAt: row.firstTouchAt,
        enrichmentStatus: row.enrichmentStatus,
        enrichmentAttempts: row.enrichmentAttempts,
        enrichmentNextAt: row.enrichmentNextAt,
        enrichmentError: row.enrichmentError,
      };
    },
    async readTouches(tenantId, patientId) {
      return store
        .getTouches(tenantId, patientId)
        .map((t) => ({ messageId: t.messageId, adId: t.adId }));
    },
    async close() {},
  };
}
