import { type AttributionStore, getMarketingStats } from '@ctwa/attribution-core';
import { Router } from 'express';
import { z } from 'zod';
import { findTenant } from '../host/patients.js';
import { resolveReportRange } from '../host/report-range.js';
import type { SqlClient } from '../host/sql.js';
import { adminPrincipal, adminSecretKey, requireAdmin } from '../http/admin-auth.js';
import { HttpProblem, invalidInput } from '../http/problem.js';

// Postgres rejects some years (0000) and reports before WhatsApp existed or centuries ahead are
// mistakes, so dates outside this range are refused before they reach the database.
const EARLIEST_DATE = '2000-01-01';
const LATEST_DATE = '2999-12-31';
const calendarDate = z.iso
  .date({ message: 'expected a calendar date such as 2026-12-01', abort: true })
  .refine((date) => date >= EARLIEST_DATE && date <= LATEST_DATE, {
    message: `expected a date from ${EARLIEST_DATE} to ${LATEST_DATE}`,
  });
const statsQuery = z
  .object({ from: calendarDate.optional(), to: calendarDate.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'must not be after to',
    path: ['from'],
  });

/** What GET /admin/marketing/stats needs. */
export interface MarketingStatsRouteDeps {
  db: SqlClient;
  store: AttributionStore;
  adminJwtSecret: string;
}

/**
 * GET /admin/marketing/stats?from=YYYY-MM-DD&to=YYYY-MM-DD: leads, appointments and conversion
 * per campaign and ad for the caller's tenant. Dates are days in the clinic's time zone and
 * both ends are included. Leads count by first-touch time; their appointments count whenever
 * they were booked (the `cohort` definition), so conversion never exceeds 1.
 */
export function marketingStatsRouter(deps: MarketingStatsRouteDeps): Router {
  const router = Router();
  const roles = requireAdmin(adminSecretKey(deps.adminJwtSecret), ['ceo', 'secretary']);

  router.get('/admin/marketing/stats', roles, async (req, res) => {
    const { tenantId } = adminPrincipal(req);
    const query = statsQuery.safeParse(req.query);
    if (!query.success) throw invalidInput('query', query.error);
    const tenant = await findTenant(deps.db, tenantId);
    if (tenant === null) throw new HttpProblem(403, 'unknown_tenant', 'Your clinic is not known.');

    const range = await resolveReportRange(deps.db, {
      tenantId,
      from: query.data.from ?? null,
      to: query.data.to ?? null,
    });
    const stats = await getMarketingStats(deps.store, {
      tenantId,
      ...(range.from ? { from: range.from } : {}),
      ...(range.to ? { to: range.to } : {}),
    });

    res.json({
      tenant_id: tenantId,
      time_zone: tenant.timeZone,
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      definition: stats.definition,
      campaigns: stats.campaigns.map((row) => ({
        campaign_id: row.campaignId,
        campaign_name: row.campaignName,
        ad_id: row.adId,
        ad_name: row.adName,
        leads: row.leads,
        booked_patients: row.bookedPatients,
        appointments: row.appointments,
        conversion_rate: row.conversionRate,
      })),
      summary: {
        leads: stats.summary.leads,
        booked_patients: stats.summary.bookedPatients,
        appointments: stats.summary.appointments,
        conversion_rate: stats.summary.conversionRate,
      },
    });
  });
  return router;
}
