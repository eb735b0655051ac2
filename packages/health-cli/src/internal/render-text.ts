import type {
  HealthCheckResult,
  HealthReport,
  HealthStatus,
  MetaHealthCheckKey,
} from '../health-report.js';
import { META_HEALTH_CHECK_KEYS } from '../health-report.js';

export interface TextStyle {
  color: boolean;
  unicode: boolean;
  strict: boolean;
  exitCode: number;
}

type Mark = HealthStatus | 'skip';

const LABELS: Record<MetaHealthCheckKey, string> = {
  'meta-token:validity': 'token',
  'meta-graph:responseTime': 'graph /me',
  'meta-ratelimit:utilization': 'rate limit',
  'meta-api:version': 'api version',
};

const UNICODE_MARKS: Record<Mark, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
const ASCII_MARKS: Record<Mark, string> = {
  pass: 'OK  ',
  warn: 'WARN',
  fail: 'FAIL',
  skip: 'SKIP',
};
const ANSI: Record<Mark, string> = { pass: '32', warn: '33', fail: '31', skip: '2' };

const LABEL_WIDTH = Math.max(...Object.values(LABELS).map((label) => label.length)) + 2;

/** The human form of a report: one line per check and a summary with the exit code. */
export function renderText(report: HealthReport, style: TextStyle): string {
  const lines = [`Meta Ads integration health (${reportTime(report)})`];
  for (const key of META_HEALTH_CHECK_KEYS) {
    const [result] = report.checks[key];
    const mark = markOf(result);
    const symbol = (style.unicode ? UNICODE_MARKS : ASCII_MARKS)[mark];
    const painted = style.color ? `\u001b[${ANSI[mark]}m${symbol}\u001b[0m` : symbol;
    lines.push(`  ${painted} ${LABELS[key].padEnd(LABEL_WIDTH)}${describeResult(key, result)}`);
  }
  for (const note of report.notes ?? []) lines.push(`  note: ${note}`);
  lines.push(summaryLine(report, style));
  return `${lines.join('\n')}\n`;
}

function markOf(result: HealthCheckResult): Mark {
  return result.skipped ? 'skip' : result.status;
}

function reportTime(report: HealthReport): string {
  return report.checks['meta-token:validity'][0].time;
}

function describeResult(key: MetaHealthCheckKey, result: HealthCheckResult): string {
  if (result.output !== undefined) return result.output;
  switch (key) {
    case 'meta-token:validity':
      return describeValidToken(result);
    case 'meta-graph:responseTime':
      return `${result.observedValue} ms`;
    case 'meta-ratelimit:utilization':
      return result.observedValue === null
        ? 'no usage reported yet'
        : `${result.observedValue}% of the limit used`;
    case 'meta-api:version':
      return result.availableUntil
        ? `${result.observedValue}, available until ${result.availableUntil}`
        : `${result.observedValue}, no announced end date`;
  }
}

function describeValidToken(result: HealthCheckResult): string {
  if (result.checkedWith === 'me') return 'accepted by GET /me (expiry and scopes not checked)';
  const kind = result.tokenType ? `${result.tokenType} token` : 'token';
  const parts = [`valid ${kind}`];
  parts.push(result.expiresAt ? `expires ${result.expiresAt.slice(0, 10)}` : 'never expires');
  if (result.dataAccessExpiresAt) {
    parts.push(`data access until ${result.dataAccessExpiresAt.slice(0, 10)}`);
  }
  // observedValue counts down to whichever of the two expiries comes first.
  if (typeof result.observedValue === 'number') parts.push(`${result.observedValue} days left`);
  parts.push('ads permission granted');
  return parts.join(', ');
}

function summaryLine(report: HealthReport, style: TextStyle): string {
  const results = META_HEALTH_CHECK_KEYS.map((key) => report.checks[key][0]);
  const warnings = results.filter((result) => result.status === 'warn').length;
  const failures = results.filter((result) => result.status === 'fail' && !result.skipped).length;
  const skipped = results.filter((result) => result.skipped).length;

  const parts = [count(warnings, 'warning'), count(failures, 'failure')];
  if (skipped > 0) parts.push(`${skipped} skipped`);
  // The hint only helps while warnings still exit 0; once a failure exits 1 it is noise.
  const hint = warnings > 0 && style.exitCode === 0 ? ' (use --strict to fail on warnings)' : '';
  return `${parts.join(', ')} - exit ${style.exitCode}${hint}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
