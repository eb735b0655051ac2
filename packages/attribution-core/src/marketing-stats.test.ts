import { describe, expect, it } from 'vitest';
import { getMarketingStats } from './marketing-stats.js';
import { createMemoryAttributionStore } from './memory/index.js';
import type { AttributionStore, MarketingStatsRow } from './ports.js';

function storeReturning(rows: MarketingStatsRow[]) {
  const queries: unknown[] = [];
  const store = {
    ...createMemoryAttributionStore(),
    async readMarketingStats(query: unknown) {
      queries.push(query);
      return rows;
    },
  } satisfies AttributionStore;
  return { store, queries };
}

const row = (overrides: Partial<MarketingStatsRow>): MarketingStatsRow => ({
  campaignId: '120214583920170001',
  campaignName: 'Implantes',
  adId: '120214583920175512',
  adName: 'Imagen',
  leads: 0,
  bookedPatients: 0,
  appointments: 0,
  ...overrides,
});

describe('getMarketingStats', () => {
  it('computes rates per row and for the summary, rounded to 4 decimals', async () => {
    const { store } = storeReturning([
      row({ leads: 3, bookedPatients: 1, appointments: 4 }),
      row({ campaignId: null, leads: 4, bookedPatients: 3, appointments: 3 }),
    ]);
    const stats = await getMarketingStats(store, { tenantId: 'arrayan' });
    expect(stats.campaigns.map((c) => c.conversionRate)).toEqual([0.3333, 0.75]);
    expect(stats.summary).toEqual({
      leads: 7,
      bookedPatients: 4,
      appointments: 7,
      conversionRate: 0.5714,
    });
    expect(stats.definition).toBe('cohort');
  });

  it('reports a zero rate, not NaN, when there are no leads', async () => {
    const { store } = storeReturning([]);
    const stats = await getMarketingStats(store, { tenantId: 'arrayan' });
    expect(stats.summary).toEqual({
      leads: 0,
      bookedPatients: 0,
      appointments: 0,
      conversionRate: 0,
    });
    expect(JSON.parse(JSON.stringify(stats.summary)).conversionRate).toBe(0);
  });

  it('passes the tenant and range to the store, with null for missing bounds', async () => {
    const { store, queries } = storeReturning([]);
    const from = new Date('2026-11-01T03:00:00.000Z');
    await getMarketingStats(store, { tenantId: 'arrayan', from });
    expect(queries).toEqual([{ tenantId: 'arrayan', from, to: null }]);
  });

  it('rejects a range whose start is after its end, naming the field', async () => {
    const { store } = storeReturning([]);
    const call = getMarketingStats(store, {
      tenantId: 'arrayan',
      from: new Date('2026-12-02'),
      to: new Date('2026-12-01'),
    });
    await expect(call).rejects.toMatchObject({ name: 'AttributionInputError', field: 'from' });
  });

  it('rejects an invalid date and a missing tenant', async () => {
    const { store } = storeReturning([]);
    await expect(
      getMarketingStats(store, { tenantId: 'arrayan', to: new Date('nope') }),
    ).rejects.toMatchObject({ field: 'to' });
    await expect(getMarketingStats(store, { tenantId: '' })).rejects.toMatchObject({
      field: 'tenantId',
    });
  });
});
