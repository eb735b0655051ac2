import type { TokenDebugInfo } from '@ctwa/meta-ads-client';
import type { HealthCheckResult } from '../health-report.js';
import { type Finding, resultFromFindings, skippedResult } from '../internal/check-result.js';
import { describeDuration, MS_PER_DAY, toIsoDate } from '../internal/durations.js';
import {
  describeFailure,
  graphCodeText,
  isPermissionError,
  isThrottle,
  isTimeout,
  isTokenRejection,
} from '../internal/graph-errors.js';

const READ_SCOPES = ['ads_read', 'ads_management'];

const TOKEN_SUBCODE_CAUSES: Readonly<Record<number, string>> = {
  458: 'the app is not installed for this user',
  459: 'the user must pass a security checkpoint',
  460: 'the password changed',
  463: 'the token expired',
  464: 'the user is unconfirmed',
  467: 'the token was invalidated or the user logged out',
};

const RENEW_TOKEN = 'generate a new system-user token and set META_ADS_TOKEN';

/** The token check from a debug_token answer: validity, scopes, and both expiry dates. */
export function tokenResultFromDebugInfo(
  info: TokenDebugInfo,
  now: Date,
  expiryWarnDays: number,
): HealthCheckResult {
  const scopesOk = info.scopes.some((scope) => READ_SCOPES.includes(scope));
  const reading = {
    time: now.toISOString(),
    observedValue: info.isValid ? daysUntilFirstExpiry(info, now) : null,
    observedUnit: 'd',
    checkedWith: 'debug_token' as const,
    tokenType: info.type,
    scopesOk,
    expiresAt: info.expiresAt?.toISOString() ?? null,
    dataAccessExpiresAt: info.dataAccessExpiresAt?.toISOString() ?? null,
  };
  if (!info.isValid) {
    return resultFromFindings([{ status: 'fail', text: describeInvalidToken(info) }], reading);
  }

  const warnWithinMs = expiryWarnDays * MS_PER_DAY;
  const findings: Finding[] = [
    expiryFinding('the token', info.expiresAt, now, warnWithinMs, RENEW_TOKEN),
    expiryFinding(
      'data access',
      info.dataAccessExpiresAt,
      now,
      warnWithinMs,
      'have the user re-authorize the app to restore data access',
    ),
  ];
  if (!scopesOk) {
    findings.push({
      status: 'fail',
      text: 'the token has neither ads_read nor ads_management; grant ads_read to the system user and generate a new token',
    });
  }
  return resultFromFindings(findings, reading);
}

/** The token check when debug_token itself could not answer. */
export function tokenResultFromDebugFailure(error: unknown, time: string): HealthCheckResult {
  const reading = { time, observedValue: null, checkedWith: 'debug_token' as const };
  return resultFromFindings([debugFailureFinding(error)], reading);
}

/** The token check when GET /me was the only way to test the token. */
export function tokenResultFromMe(error: unknown | null, time: string): HealthCheckResult {
  const reading = { time, observedValue: null, checkedWith: 'me' as const };
  if (error === null) return resultFromFindings([], reading);
  if (isTokenRejection(error)) {
    const text = `Meta rejected the access token${graphCodeText(error)}; ${RENEW_TOKEN}`;
    return resultFromFindings([{ status: 'fail', text }], reading);
  }
  if (isThrottle(error)) {
    const text = 'not verified: GET /me was throttled; see meta-ratelimit:utilization';
    return resultFromFindings([{ status: 'warn', text }], reading);
  }
  // The liveness check already reports this failure; repeating it here would double the noise.
  return {
    ...skippedResult(time, 'GET /me failed, so the token could not be tested'),
    checkedWith: 'me',
  };
}

/** The token check when no token is configured at all. */
export function missingTokenResult(time: string): HealthCheckResult {
  const text =
    'META_ADS_TOKEN is not set, so ads cannot be enriched; create a system-user token with ads_read and set META_ADS_TOKEN';
  return resultFromFindings([{ status: 'fail', text }], { time, observedValue: null });
}

function describeInvalidToken(info: TokenDebugInfo): string {
  if (info.error === null) return `debug_token reports the token invalid; ${RENEW_TOKEN}`;
  const { code, subcode } = info.error;
  const cause = subcode === null ? undefined : TOKEN_SUBCODE_CAUSES[subcode];
  const codeText = subcode === null ? `code ${code}` : `code ${code}, subcode ${subcode}`;
  const detail = cause === undefined ? codeText : `${codeText}: ${cause}`;
  return `debug_token reports the token invalid (${detail}); ${RENEW_TOKEN}`;
}

function expiryFinding(
  subject: string,
  expiresAt: Date | null,
  now: Date,
  warnWithinMs: number,
  remedy: string,
): Finding {
  if (expiresAt === null) return { status: 'pass', text: `${subject} never expires` };

  const leftMs = expiresAt.getTime() - now.getTime();
  if (leftMs <= 0) {
    return { status: 'fail', text: `${subject} expired on ${toIsoDate(expiresAt)}; ${remedy}` };
  }
  const status = leftMs < warnWithinMs ? 'warn' : 'pass';
  const when = `in ${describeDuration(leftMs)} (${toIsoDate(expiresAt)})`;
  return { status, text: `${subject} expires ${when}; ${remedy} before then` };
}

function daysUntilFirstExpiry(info: TokenDebugInfo, now: Date): number | null {
  const expiries = [info.expiresAt, info.dataAccessExpiresAt].filter(
    (date): date is Date => date !== null,
  );
  if (expiries.length === 0) return null;
  const first = Math.min(...expiries.map((date) => date.getTime()));
  return Math.floor((first - now.getTime()) / MS_PER_DAY);
}

function debugFailureFinding(error: unknown): Finding {
  if (isTokenRejection(error) || isPermissionError(error)) {
    return {
      status: 'fail',
      text: `debug_token was refused${graphCodeText(error)}; check META_APP_ID and META_APP_SECRET, which debug_token signs in with`,
    };
  }
  if (isThrottle(error)) {
    return { status: 'warn', text: 'not verified: debug_token was throttled' };
  }
  if (isTimeout(error)) {
    return { status: 'fail', text: `debug_token timed out (${describeFailure(error)})` };
  }
  return { status: 'fail', text: `debug_token failed (${describeFailure(error)})` };
}
