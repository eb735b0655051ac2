import type { StatsReply } from './http-client.js';

/** Renders rows as a plain-text table under a header rule; the listed columns align right. */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  rightAligned: readonly number[] = [],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) => rightAligned.includes(column));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return numeric[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();

  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** The marketing report as a readable table: campaign, ad, leads, appointments, conversion. */
export function renderStats(stats: StatsReply): string {
  const rows = stats.campaigns.map((row) => [
    row.campaign_name ?? row.campaign_id ?? '(campaign not known yet)',
    row.ad_name ?? row.ad_id ?? '(no ad id)',
    String(row.leads),
    String(row.appointments),
    percent(row.conversion_rate),
  ]);
  rows.push([
    'Total',
    '',
    String(stats.summary.leads),
    String(stats.summary.appointments),
    percent(stats.summary.conversion_rate),
  ]);
  const headers = ['Campaign', 'Ad', 'Leads', 'Appointments', 'Conversion'];
  return renderTable(headers, rows, [2, 3, 4]);
}
