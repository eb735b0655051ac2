import { applyFirstTouch, type FirstTouchResult, normalizeReferral } from '@ctwa/attribution-core';
import { createPgAttributionStore } from '@ctwa/attribution-core/pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, type TestDatabase } from './support/databases.js';
import { createSqlHarness, type StoreHarness } from './support/store-harness.js';

const first = normalizeReferral({ ad_id: '120214583920175512', headline: 'First ad' });
const second = normalizeReferral({ ad_id: '120214583920176044', headline: 'Second ad' });

/**
 * Races made deterministic: the first writer runs inside an open transaction, so the second one
 * demonstrably blocks on the patient row before the first commits.
 */
describe('first touch under real Postgres row locks', () => {
  let database: TestDatabase;
  let harness: StoreHarness;
  let holder: pg.Client;
  let holderPid = 0;
  let tenantSeed = 0;

  beforeAll(async () => {
    database = await createPostgresDatabase('races');
    harness = await createSqlHarness(database);
    const schema = (await database.query<{ s: string }>('SELECT current_schema() AS s'))[0]?.s;
    holder = new pg.Client({
      connectionString: process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      options: `-c search_path=${schema}`,
    });
    await holder.connect();
    const pidRows = await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    holderPid = pidRows.rows[0]?.pid ?? 0;
  });
  afterAll(async () => {
    await holder.end();
    await harness.close();
  });

  async function newPatient() {
    tenantSeed += 1;
    const tenantId = `race-${tenantSeed}`;
    await harness.addTenant(tenantId);
    return { tenantId, patientId: await harness.addPatient(tenantId, `+54911555${tenantSeed}`) };
  }

  /** Waits until a backend is blocked by the holder's transaction: the second writer waits. */
  async function untilBlocked(): Promise<void> {
    for (;;) {
      const rows = await database.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE $1 = ANY (pg_blocking_pids(pid))`,
        [holderPid],
      );
      if ((rows[0]?.waiting ?? 0) > 0) return;
    }
  }

  async function race(
    patient: { tenantId: string; patientId: string },
    held: { referral: typeof first; messageId: string },
    contender: { referral: typeof first; messageId: string },
  ): Promise<[FirstTouchResult, FirstTouchResult]> {
    if (held.referral === null || contender.referral === null) throw new Error('bad fixture');
    const receivedAt = new Date('2026-12-04T12:00:00.000Z');
    await holder.query('BEGIN');
    const winner = await applyFirstTouch(createPgAttributionStore(holder), {
      ...patient,
      ...held,
      referral: held.referral,
      receivedAt,
    });
    const waiting = applyFirstTouch(harness.store, {
      ...patient,
      ...contender,
      referral: contender.referral,
      receivedAt,
    });
    await untilBlocked();
    await holder.query('COMMIT');
    return [winner, await waiting];
  }

  it('keeps the committed first touch and logs the blocked one as a later touch', async () => {
    const patient = await newPatient();
    const [winner, loser] = await race(
      patient,
      { referral: first, messageId: 'wamid.first' },
      { referral: second, messageId: 'wamid.second' },
    );

    expect([winner.outcome, loser.outcome]).toEqual(['attributed', 'kept_existing']);
    expect((await harness.readPatient(patient.tenantId, patient.patientId))?.adId).toBe(
      '120214583920175512',
    );
    expect(await harness.readTouches(patient.tenantId, patient.patientId)).toEqual([
      { messageId: 'wamid.second', adId: '120214583920176044' },
    ]);
  });

  it('logs no touch for a redelivery of the first-touch message that raced it', async () => {
    const patient = await newPatient();
    const delivery = { referral: first, messageId: 'wamid.same' };
    const [winner, loser] = await race(patient, delivery, delivery);

    expect([winner.outcome, loser.outcome]).toEqual(['attributed', 'kept_existing']);
    expect(await harness.readTouches(patient.tenantId, patient.patientId)).toEqual([]);
  });
});
