import type { AttributionStore, FirstTouchWriteResult } from '../ports.js';
import {
  parseFirstTouchResult,
  toAdTouch,
  toEnrichmentJob,
  toMarketingStatsRow,
  toPatientContext,
} from './rows.js';
import type { SqlClient } from './sql-client.js';
import {
  APPLY_FIRST_TOUCH,
  CLAIM_DUE,
  CLAIM_ONE,
  FIND_PATIENT,
  LATER_TOUCHES,
  MARK_ORGANIC,
  MARKETING_STATS,
  RECORD_FAILURE,
  SAVE_ENRICHMENT,
} from './statements.js';

/**
 * The Postgres `AttributionStore`, for `pg.Pool` or PGlite alike. Run `migrateAttribution` first.
 * Ids are passed as strings; Postgres casts them to the column types.
 *
 * @example
 * const store = createPgAttributionStore(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 */
export function createPgAttributionStore(db: SqlClient): AttributionStore {
  return {
    async applyFirstTouch(write): Promise<FirstTouchWriteResult> {
      const { referral } = write;
      const { rows } = await db.query(APPLY_FIRST_TOUCH, [
        write.tenantId,
        write.patientId,
        write.adId,
        referral.headline,
        referral.body,
        referral.ctwaClid,
        referral.sourceUrl,
        write.receivedAt,
        write.messageId,
        referral.sourceType,
        referral.sourceId,
      ]);
      const result = parseFirstTouchResult(rows[0]);
      if (result.attributed > 0) return 'attributed';
      return result.patient_exists ? 'kept_existing' : 'patient_not_found';
    },

    async markOrganic({ tenantId, patientId }) {
      const { rows } = await db.query(MARK_ORGANIC, [tenantId, patientId]);
      return rows.length > 0;
    },

    async claimEnrichment({ tenantId, patientId, now, leaseUntil }) {
      const { rows } = await db.query(CLAIM_ONE, [tenantId, patientId, now, leaseUntil]);
      return rows.length === 0 ? null : toEnrichmentJob(rows[0]);
    },

    async claimDueEnrichments({ now, leaseUntil, limit }) {
      const { rows } = await db.query(CLAIM_DUE, [now, leaseUntil, limit]);
      return rows.map(toEnrichmentJob);
    },

    async saveEnrichment({ tenantId, patientId, adId, details, at }) {
      const { rows } = await db.query(SAVE_ENRICHMENT, [
        tenantId,
        patientId,
        adId,
        details.campaignId,
        details.campaignName,
        details.adsetId,
        details.adsetName,
        details.adName,
        at,
      ]);
      return rows.length > 0;
    },

    async recordEnrichmentFailure(write) {
      const { rows } = await db.query(RECORD_FAILURE, [
        write.tenantId,
        write.patientId,
        write.adId,
        write.status,
        write.nextAttemptAt,
        write.error,
      ]);
      return rows.length > 0;
    },

    async readMarketingStats({ tenantId, from, to }) {
      const { rows } = await db.query(MARKETING_STATS, [tenantId, from, to]);
      return rows.map(toMarketingStatsRow);
    },

    async findPatientContext({ tenantId, phones }) {
      const [preferred, alternative = preferred] = phones;
      if (preferred === undefined) return null;
      const { rows } = await db.query(FIND_PATIENT, [tenantId, preferred, alternative]);
      if (rows.length === 0) return null;

      const context = toPatientContext(rows[0], []);
      const touches = await db.query(LATER_TOUCHES, [tenantId, context.patientId]);
      return { ...context, laterTouches: touches.rows.map(toAdTouch) };
    },
  };
}
