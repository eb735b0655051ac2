import { z } from 'zod';
import type { SqlClient } from './sql.js';

const rangeRow = z.object({ from_at: z.date().nullable(), to_at: z.date().nullable() });

/**
 * Turns calendar dates in the tenant's time zone into a half-open instant range:
 * `from` is the start of its day and `to` is inclusive, so the range ends at the next midnight.
 * Postgres does the zone arithmetic, so days of 23 or 25 hours come out right.
 */
export async function resolveReportRange(
  db: SqlClient,
  input: { tenantId: string; from: string | null; to: string | null },
): Promise<{ from: Date | null; to: Date | null }> {
  const { rows } = await db.query(
    `SELECT ($2::date)::timestamp AT TIME ZONE time_zone AS from_at,
            ($3::date + 1)::timestamp AT TIME ZONE time_zone AS to_at
     FROM tenants WHERE id = $1`,
    [input.tenantId, input.from, input.to],
  );
  const row = rangeRow.parse(rows[0] ?? { from_at: null, to_at: null });
  return { from: row.from_at, to: row.to_at };
}
