import { AttributionInputError } from './errors.js';
import { optionalDate, requireId } from './internal/validate.js';
import type { AttributionStore, MarketingStatsRow } from './ports.js';

/**
 * Leads and bookings of one campaign and ad. `campaignId: null` means not enriched (yet);
 * `adId: null` is the unknown ad: ad touches whose ad id was lost before it reached us.
 */
export interface CampaignStats {
  campaignId: string | null;
  campaignName: string | null;
  adId: string | null;
  adName: string | null;
  /** Patients whose first touch was this ad within the range. */
  leads: number;
  /** Of those leads, patients with at least one appointment that is not cancelled or a no-show. */
  bookedPatients: number;
  /** Appointments of those leads, any date, except cancelled and no-show ones. */
  appointments: number;
  /** `bookedPatients / leads`, rounded to 4 decimals; 0 when there are no leads. Never above 1. */
  conversionRate: number;
}

/** The marketing report of one tenant. */
export interface MarketingStats {
  tenantId: string;
  from: Date | null;
  to: Date | null;
  /**
   * `'cohort'`: leads are counted by first-touch time in `[from, to)`, and their appointments are
   * counted whenever they were booked, so the rate compares like with like.
   */
  definition: 'cohort';
  campaigns: CampaignStats[];
  summary: { leads: number; bookedPatients: number; appointments: number; conversionRate: number };
}

/**
 * Reports leads, appointments and conversion per campaign and ad for one tenant. Leads are
 * patients first touched by an ad within the half-open range `[from, to)` (no bound when
 * omitted). Campaigns not yet enriched appear with `campaignId: null`, and ad touches whose ad
 * id was lost are grouped under `adId: null`; no lead is dropped.
 *
 * @example
 * const stats = await getMarketingStats(store, { tenantId, from: new Date('2026-11-01') });
 * console.table(stats.campaigns);
 */
export async function getMarketingStats(
  store: AttributionStore,
  query: { tenantId: string; from?: Date | null; to?: Date | null },
): Promise<MarketingStats> {
  const tenantId = requireId('tenantId', query.tenantId);
  const from = optionalDate('from', query.from);
  const to = optionalDate('to', query.to);
  if (from !== null && to !== null && from.getTime() > to.getTime()) {
    throw new AttributionInputError('from', 'from must not be later than to.');
  }

  const rows = await store.readMarketingStats({ tenantId, from, to });
  const campaigns = rows.map(toCampaignStats);
  return { tenantId, from, to, definition: 'cohort', campaigns, summary: summarize(rows) };
}

function toCampaignStats(row: MarketingStatsRow): CampaignStats {
  return { ...row, conversionRate: conversionRate(row.bookedPatients, row.leads) };
}

function summarize(rows: readonly MarketingStatsRow[]): MarketingStats['summary'] {
  let leads = 0;
  let bookedPatients = 0;
  let appointments = 0;
  for (const row of rows) {
    leads += row.leads;
    bookedPatients += row.bookedPatients;
    appointments += row.appointments;
  }
  return {
    leads,
    bookedPatients,
    appointments,
    conversionRate: conversionRate(bookedPatients, leads),
  };
}

/** JSON has no NaN, so an empty range reports 0 rather than 0 / 0. */
function conversionRate(booked: number, leads: number): number {
  return leads === 0 ? 0 : Math.round((booked / leads) * 10_000) / 10_000;
}
