import type { HealthCheckResult } from '../health-report.js';
import { type Finding, resultFromFindings } from '../internal/check-result.js';
import {
  describeFailure,
  graphCodeText,
  isDeprecatedVersion,
  isThrottle,
  isTimeout,
  isTokenRejection,
} from '../internal/graph-errors.js';
import type { Probe } from '../internal/probe.js';

/** The liveness check: how long GET /me took, and whether Graph answered it. */
export function responseTimeResult(me: Probe<unknown>, time: string): HealthCheckResult {
  const elapsedMs = Math.round(me.elapsedMs);
  if (me.ok) return resultFromFindings([], { time, observedValue: elapsedMs, observedUnit: 'ms' });

  const answered = !isTimeout(me.error);
  const reading = { time, observedValue: answered ? elapsedMs : null, observedUnit: 'ms' };
  return resultFromFindings([failureFinding(me.error)], reading);
}

function failureFinding(error: unknown): Finding {
  if (isThrottle(error)) {
    const text = `GET /me was throttled${graphCodeText(error)}; see meta-ratelimit:utilization`;
    return { status: 'warn', text };
  }
  if (isTimeout(error)) {
    return { status: 'fail', text: `GET /me timed out (${describeFailure(error)})` };
  }
  if (isTokenRejection(error)) {
    return {
      status: 'fail',
      text: `GET /me was refused: Meta rejected the token${graphCodeText(error)}`,
    };
  }
  if (isDeprecatedVersion(error)) {
    const text = `GET /me was refused: the API version is retired${graphCodeText(error)}; see meta-api:version`;
    return { status: 'fail', text };
  }
  return { status: 'fail', text: `GET /me failed (${describeFailure(error)})` };
}
