import type { GraphUsage } from '@ctwa/meta-ads-client';
import type { HealthCheckResult } from '../health-report.js';
import { type Finding, resultFromFindings, skippedResult } from '../internal/check-result.js';
import { describeDuration } from '../internal/durations.js';
import { graphCodeText, isThrottle } from '../internal/graph-errors.js';
import type { Probe } from '../internal/probe.js';
import { highestCounterLabel } from '../internal/usage-counters.js';

/**
 * The rate-limit check from the usage headers of GET /me, or from the throttle it ran into.
 * Graph sends usage headers only after enough calls, so a missing header is unknown, not 0 %.
 */
export function rateLimitResult(
  me: Probe<{ usage: GraphUsage | null }>,
  time: string,
  warnPercent: number,
): HealthCheckResult {
  if (me.ok) {
    const { usage } = me.value;
    const reading = { time, observedValue: usage?.maxPercent ?? null, observedUnit: 'percent' };
    return resultFromFindings([usageFinding(usage, warnPercent)], reading);
  }
  if (!isThrottle(me.error)) {
    return skippedResult(time, 'GET /me failed, so no usage headers were read');
  }

  const usage = me.error.usage;
  // Graph's own estimate beats the client's fallback wait, which is only a guess.
  const waitMs = usage?.regainAccessMs ?? me.error.retryAfterMs;
  const wait = waitMs > 0 ? describeWait(waitMs) : '';
  const text = `Meta is throttling calls${graphCodeText(me.error)}${wait}`;
  const reading = { time, observedValue: usage?.maxPercent ?? null, observedUnit: 'percent' };
  return resultFromFindings([{ status: 'fail', text }], reading);
}

function usageFinding(usage: GraphUsage | null, warnPercent: number): Finding {
  if (usage === null) return { status: 'pass', text: 'no usage headers yet' };
  const percent = usage.maxPercent;
  if (usage.regainAccessMs !== null && usage.regainAccessMs > 0) {
    return {
      status: 'fail',
      text: `Meta is throttling calls${describeWait(usage.regainAccessMs)}`,
    };
  }
  if (percent === null) return { status: 'pass', text: 'no usage headers yet' };
  const counter = highestCounterLabel(usage);
  const level = `usage is at ${percent}% of Meta's limit${counter === null ? '' : ` (${counter})`}`;
  if (percent >= 100) return { status: 'fail', text: `${level}; calls fail until it drops` };
  if (percent >= warnPercent) {
    const text = `${level}, past the ${warnPercent}% warning line; spread or reduce Graph calls`;
    return { status: 'warn', text };
  }
  return { status: 'pass', text: `usage is at ${percent}%` };
}

function describeWait(ms: number): string {
  return `; access returns in about ${describeDuration(ms)}`;
}
