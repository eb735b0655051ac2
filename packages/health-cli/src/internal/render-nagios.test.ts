import { describe, expect, it } from 'vitest';
import type { HealthCheckResult, HealthReport } from '../health-report.js';
import { renderNagios, renderNagiosUnknown } from './render-nagios.js';

const TIME = '2026-12-04T15:00:00.000Z';
const THRESHOLDS = { usageWarnPercent: 80, tokenExpiryWarnDays: 7 };

function check(fields: Partial<HealthCheckResult>): [HealthCheckResult] {
  return [
    { componentType: 'component', status: 'pass', time: TIME, observedValue: null, ...fields },
  ];
}

function report(overrides: Partial<HealthReport> = {}): HealthReport {
  return {
    status: 'pass',
    checks: {
      'meta-token:validity': check({ observedValue: 41, observedUnit: 'd' }),
      'meta-graph:responseTime': check({ observedValue: 184, observedUnit: 'ms' }),
      'meta-ratelimit:utilization': check({ observedValue: 12, observedUnit: 'percent' }),
      'meta-api:version': check({ observedValue: 'v26.0' }),
    },
    ...overrides,
  };
}

describe('renderNagios', () => {
  it('prints OK with performance data for every reading', () => {
    expect(renderNagios(report(), THRESHOLDS)).toBe(
      'META-HEALTH OK - every Meta check passes | graph_me=184ms;;;0 ratelimit_usage=12%;80;100;0;100 token_days_left=41;7:;0:\n',
    );
  });

  it('keeps pipes out of the text, where they would start the performance data', () => {
    const warning = report({
      status: 'warn',
      output: 'meta-ratelimit:utilization: usage is at 85% | meta-api:version: v25.0 expires soon',
      checks: {
        ...report().checks,
        'meta-token:validity': check({}),
        'meta-ratelimit:utilization': check({ observedValue: null }),
      },
    });
    expect(renderNagios(warning, THRESHOLDS)).toBe(
      'META-HEALTH WARNING - meta-ratelimit:utilization: usage is at 85%; meta-api:version: v25.0 expires soon | graph_me=184ms;;;0\n',
    );
  });

  it('prints CRITICAL without performance data when nothing was measured', () => {
    const failing = report({
      status: 'fail',
      output: 'meta-token:validity: META_ADS_TOKEN is not set',
      checks: {
        'meta-token:validity': check({ status: 'fail' }),
        'meta-graph:responseTime': check({ status: 'fail', skipped: true }),
        'meta-ratelimit:utilization': check({ status: 'fail', skipped: true }),
        'meta-api:version': check({ status: 'fail', skipped: true }),
      },
    });
    expect(renderNagios(failing, THRESHOLDS)).toBe(
      'META-HEALTH CRITICAL - meta-token:validity: META_ADS_TOKEN is not set\n',
    );
  });
});

describe('renderNagiosUnknown', () => {
  it('reports a setup problem as UNKNOWN', () => {
    expect(renderNagiosUnknown('META_API_TIMEOUT must be a number | or else')).toBe(
      'META-HEALTH UNKNOWN - META_API_TIMEOUT must be a number; or else\n',
    );
  });
});
