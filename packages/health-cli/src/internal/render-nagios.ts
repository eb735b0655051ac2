import type { HealthReport, HealthStatus } from '../health-report.js';

/** Nagios plugin states by health status; 3 (UNKNOWN) is for usage and configuration errors. */
export const NAGIOS_EXIT_CODES: Readonly<Record<HealthStatus, number>> = {
  pass: 0,
  warn: 1,
  fail: 2,
};
export const NAGIOS_UNKNOWN_EXIT_CODE = 3;

const STATES: Readonly<Record<HealthStatus, string>> = {
  pass: 'OK',
  warn: 'WARNING',
  fail: 'CRITICAL',
};

export interface NagiosThresholds {
  usageWarnPercent: number;
  tokenExpiryWarnDays: number;
}

/**
 * One plugin line, `META-HEALTH WARNING - text | perfdata`, after the Nagios plugin API:
 * the text may not contain `|`, which starts the performance data.
 */
export function renderNagios(report: HealthReport, thresholds: NagiosThresholds): string {
  const text = report.output ?? 'every Meta check passes';
  const perfdata = performanceData(report, thresholds);
  const tail = perfdata.length > 0 ? ` | ${perfdata.join(' ')}` : '';
  return `META-HEALTH ${STATES[report.status]} - ${withoutPipes(text)}${tail}\n`;
}

/** The line for a usage or configuration error, which Nagios reads as UNKNOWN. */
export function renderNagiosUnknown(message: string): string {
  return `META-HEALTH UNKNOWN - ${withoutPipes(message)}\n`;
}

function performanceData(report: HealthReport, thresholds: NagiosThresholds): string[] {
  const data: string[] = [];
  const responseMs = report.checks['meta-graph:responseTime'][0].observedValue;
  if (typeof responseMs === 'number') data.push(`graph_me=${responseMs}ms;;;0`);
  const usage = report.checks['meta-ratelimit:utilization'][0].observedValue;
  if (typeof usage === 'number') {
    data.push(`ratelimit_usage=${usage}%;${thresholds.usageWarnPercent};100;0;100`);
  }
  const daysLeft = report.checks['meta-token:validity'][0].observedValue;
  if (typeof daysLeft === 'number') {
    data.push(`token_days_left=${daysLeft};${thresholds.tokenExpiryWarnDays}:;0:`);
  }
  return data;
}

function withoutPipes(text: string): string {
  return text.replaceAll(' | ', '; ').replaceAll('|', '/');
}
