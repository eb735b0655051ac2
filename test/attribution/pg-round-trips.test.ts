import {
  applyFirstTouch,
  createEnrichmentQueue,
  getMarketingStats,
  normalizeReferral,
} from '@ctwa/attribution-core';
import { createMemoryAdCache } from '@ctwa/attribution-core/memory';
import {
  createPgAttributionStore,
  migrateAttribution,
  type SqlClient,
} from '@ctwa/attribution-core/pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFakeAdSource,
  implantsAd,
} from '../../packages/attribution-core/test/support/fake-ad-source.js';
import { createPgliteDatabase, type TestDatabase } from './support/databases.js';

/** Wraps a client to record every statement the store sends. */
function recording(db: SqlClient) {
  const statements: string[] = [];
  const client: SqlClient = {
    query(text, params) {
      statements.push(text.trim().split(/\s+/).slice(0, 2).join(' '));
      return db.query(text, params);
    },
  };
  return { client, statements };
}

describe('Postgres store round trips', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPgliteDatabase();
    await migrateAttribution(database.db);
    await database.query(`INSERT INTO tenants (id, name) VALUES ('arrayan', 'Arrayán')`);
    await database.query(
      `INSERT INTO patients (tenant_id, phone) VALUES ('arrayan', '+5491155500142'), ('arrayan', '+5491155500157')`,
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it('applies a first touch, or logs a later touch, in exactly one statement', async () => {
    const { client, statements } = recording(database.db);
    const store = createPgAttributionStore(client);
    const referral = normalizeReferral({ ad_id: implantsAd.adId });
    if (referral === null) throw new Error('referral did not normalize');
    const input = { tenantId: 'arrayan', patientId: '1', referral, receivedAt: new Date() };

    await applyFirstTouch(store, { ...input, messageId: 'wamid.1' });
    await applyFirstTouch(store, { ...input, messageId: 'wamid.2' });
    expect(statements).toEqual(['WITH attributed', 'WITH attributed']);
  });

  it('enriches an enqueued patient with one claim and one update', async () => {
    const { client, statements } = recording(database.db);
    const store = createPgAttributionStore(client);
    const queue = createEnrichmentQueue({
      store,
      cache: createMemoryAdCache(),
      source: createFakeAdSource([implantsAd]),
    });
    queue.enqueue({ tenantId: 'arrayan', patientId: '1', adId: implantsAd.adId });
    await queue.close();
    expect(statements).toEqual(['UPDATE patients', 'UPDATE patients']);
  });

  it('reads the marketing report in one statement', async () => {
    const { client, statements } = recording(database.db);
    await getMarketingStats(createPgAttributionStore(client), { tenantId: 'arrayan' });
    expect(statements).toEqual(['WITH leads']);
  });
});
