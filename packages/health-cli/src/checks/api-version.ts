import { apiVersionStatus } from '@ctwa/meta-ads-client';
import type { HealthCheckResult } from '../health-report.js';
import { type Finding, resultFromFindings } from '../internal/check-result.js';
import { toIsoDate } from '../internal/durations.js';
import { graphCodeText, isDeprecatedVersion } from '../internal/graph-errors.js';

const CHANGE_VERSION = 'set META_GRAPH_API_VERSION to a supported Marketing API version';

/**
 * The API version check: the configured version against the known deprecation dates, and
 * against Graph itself when it refused a call as deprecated.
 */
export function apiVersionResult(
  version: string,
  now: Date,
  warnDays: number,
  meError: unknown | null,
): HealthCheckResult {
  const known = apiVersionStatus(version, now);
  const reading = {
    time: now.toISOString(),
    observedValue: version,
    availableUntil: known.expiresAt === null ? null : toIsoDate(known.expiresAt),
  };
  if (isDeprecatedVersion(meError)) {
    const text = `Graph refused ${version} as retired${graphCodeText(meError)}; ${CHANGE_VERSION}`;
    return resultFromFindings([{ status: 'fail', text }], reading);
  }
  return resultFromFindings([scheduleFinding(known, warnDays)], reading);
}

function scheduleFinding(known: ReturnType<typeof apiVersionStatus>, warnDays: number): Finding {
  const { version, status, expiresAt, daysLeft } = known;
  if (status === 'expired') {
    const since = expiresAt === null ? '' : ` on ${toIsoDate(expiresAt)}`;
    return { status: 'fail', text: `${version} expired${since}; ${CHANGE_VERSION}` };
  }
  // Versions newer than the table, and those with no announced end, have nothing to warn about.
  if (expiresAt === null || daysLeft === null) {
    return { status: 'pass', text: `${version} has no announced end date` };
  }
  const text = `${version} expires on ${toIsoDate(expiresAt)} (${daysLeft} days left); ${CHANGE_VERSION} before then`;
  return { status: daysLeft <= warnDays ? 'warn' : 'pass', text };
}
