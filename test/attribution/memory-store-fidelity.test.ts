import {
  type AttributionStore,
  applyFirstTouch,
  enrichAttribution,
  getMarketingStats,
  markOrganic,
  normalizeReferral,
} from '@ctwa/attribution-core';
import {
  createMemoryAdCache,
  createMemoryAttributionStore,
  type MemoryAttributionStore,
} from '@ctwa/attribution-core/memory';
import { createPgAttributionStore, migrateAttribution } from '@ctwa/attribution-core/pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alignersAd,
  createFakeAdSource,
  createTestClock,
  implantsAd,
  NamedError,
} from '../../packages/attribution-core/test/support/fake-ad-source.js';
import { createPgliteDatabase, type TestDatabase } from './support/databases.js';

const TENANTS = ['arrayan', 'odontoclara'] as const;
const PATIENTS = [
  { tenantId: 'arrayan', phone: '+5491155500142' },
  { tenantId: 'arrayan', phone: '+5491155500157' },
  { tenantId: 'odontoclara', phone: '+5511955012390' },
  { tenantId: 'odontoclara', phone: '+5511955016021' },
];
/** The last id is an 18-digit ad id a JSON parser already rounded: an ad touch without ad id. */
const AD_IDS: unknown[] = [
  implantsAd.adId,
  alignersAd.adId,
  '120214583920179999',
  JSON.parse('120214583920175512'),
];
const STATUSES = ['scheduled', 'completed', 'cancelled', 'no_show'];

type Step =
  | { kind: 'touch'; patient: number; ad: number; message: number | null; day: number }
  | { kind: 'organic'; patient: number }
  | { kind: 'enrich'; patient: number; failing: boolean }
  | { kind: 'appointment'; patient: number; status: number };

const patientIndex = fc.integer({ min: 0, max: PATIENTS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('touch' as const),
    patient: patientIndex,
    ad: fc.integer({ min: 0, max: AD_IDS.length - 1 }),
    message: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    day: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({ kind: fc.constant('organic' as const), patient: patientIndex }),
  fc.record({ kind: fc.constant('enrich' as const), patient: patientIndex, failing: fc.boolean() }),
  fc.record({
    kind: fc.constant('appointment' as const),
    patient: patientIndex,
    status: fc.integer({ min: 0, max: STATUSES.length - 1 }),
  }),
);

/** Applies one step to a store; both stores get identical inputs, clocks and sources. */
async function run(
  store: AttributionStore,
  patientIds: readonly string[],
  addAppointment: (tenantId: string, patientId: string, status: string) => Promise<void>,
  item: Step,
): Promise<unknown> {
  const patient = PATIENTS[item.patient] ?? PATIENTS[0];
  const tenantId = patient?.tenantId ?? '';
  const patientId = patientIds[item.patient] ?? '';
  switch (item.kind) {
    case 'touch': {
      const referral = normalizeReferral({ ad_id: AD_IDS[item.ad], headline: `Ad ${item.ad}` });
      if (referral === null) throw new Error('referral did not normalize');
      const receivedAt = new Date(Date.UTC(2026, 10, 1 + item.day));
      const messageId = item.message === null ? null : `wamid.${item.message}`;
      return applyFirstTouch(store, { tenantId, patientId, referral, messageId, receivedAt });
    }
    case 'organic':
      return markOrganic(store, { tenantId, patientId });
    case 'enrich': {
      const source = createFakeAdSource([implantsAd, alignersAd]);
      if (item.failing) source.outage = new NamedError('MetaTransientError', 'down');
      const clock = createTestClock();
      const context = await store.findPatientContext({ tenantId, phones: [patient?.phone ?? ''] });
      const adId = context?.ad?.adId;
      if (adId == null) return null;
      const deps = { store, cache: createMemoryAdCache({ clock }), source, clock };
      return enrichAttribution(deps, { tenantId, patientId, adId });
    }
    case 'appointment':
      return addAppointment(tenantId, patientId, STATUSES[item.status] ?? 'scheduled');
  }
}

async function snapshot(store: AttributionStore) {
  const stats = await Promise.all(
    TENANTS.map((tenantId) =>
      getMarketingStats(store, {
        tenantId,
        from: new Date(Date.UTC(2026, 10, 10)),
        to: new Date(Date.UTC(2026, 11, 10)),
      }),
    ),
  );
  const allTime = await Promise.all(
    TENANTS.map((tenantId) => getMarketingStats(store, { tenantId })),
  );
  const contexts = await Promise.all(
    PATIENTS.map(async ({ tenantId, phone }) => {
      const context = await store.findPatientContext({ tenantId, phones: [phone] });
      if (context === null) return null;
      const { createdAt: _createdAt, ...rest } = context;
      return rest;
    }),
  );
  return { stats, allTime, contexts };
}

describe('memory store fidelity', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createPgliteDatabase();
    await migrateAttribution(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  async function freshPglite() {
    await database.query(
      'TRUNCATE appointments, patient_ad_touches, patients, tenants RESTART IDENTITY CASCADE',
    );
    for (const tenantId of TENANTS) {
      await database.query('INSERT INTO tenants (id, name) VALUES ($1, $1)', [tenantId]);
    }
    const ids: string[] = [];
    for (const { tenantId, phone } of PATIENTS) {
      const rows = await database.query<{ id: string }>(
        'INSERT INTO patients (tenant_id, phone) VALUES ($1, $2) RETURNING id::text AS id',
        [tenantId, phone],
      );
      ids.push(rows[0]?.id ?? '');
    }
    return ids;
  }

  function freshMemory(): { store: MemoryAttributionStore; ids: string[] } {
    const store = createMemoryAttributionStore();
    const ids = PATIENTS.map((patient) => store.addPatient(patient));
    return { store, ids };
  }

  it('behaves like the Postgres store for any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const pgIds = await freshPglite();
        const pgStore = createPgAttributionStore(database.db);
        const memory = freshMemory();
        const pgAppointment = async (tenantId: string, patientId: string, status: string) => {
          await database.query(
            `INSERT INTO appointments (tenant_id, patient_id, status, appointment_datetime)
             VALUES ($1, $2, $3, now())`,
            [tenantId, patientId, status],
          );
        };
        const memoryAppointment = async (tenantId: string, patientId: string, status: string) => {
          memory.store.addAppointment({ tenantId, patientId, status, at: new Date() });
        };

        for (const item of steps) {
          const fromPg = await run(pgStore, pgIds, pgAppointment, item);
          const fromMemory = await run(memory.store, memory.ids, memoryAppointment, item);
          expect(fromMemory).toEqual(fromPg);
        }
        expect(await snapshot(memory.store)).toEqual(await snapshot(pgStore));
      }),
      { numRuns: 40 },
    );
  });
});
