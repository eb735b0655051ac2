import { describe, expect, it } from 'vitest';
import type { HealthCheckResult, HealthReport } from '../health-report.js';
import { renderText } from './render-text.js';

const TIME = '2026-12-04T15:00:00.000Z';

function check(fields: Partial<HealthCheckResult>): [HealthCheckResult] {
  return [
    { componentType: 'component', status: 'pass', time: TIME, observedValue: null, ...fields },
  ];
}

const WARN_REPORT: HealthReport = {
  status: 'warn',
  output: 'meta-api:version: v25.0 expires on 2027-02-23 (81 days left)',
  checks: {
    'meta-token:validity': check({
      checkedWith: 'debug_token',
      tokenType: 'SYSTEM_USER',
      expiresAt: null,
    }),
    'meta-graph:responseTime': check({ observedValue: 184, observedUnit: 'ms' }),
    'meta-ratelimit:utilization': check({ observedValue: null, observedUnit: 'percent' }),
    'meta-api:version': check({
      status: 'warn',
      observedValue: 'v25.0',
      availableUntil: '2027-02-23',
      output: 'v25.0 expires on 2027-02-23 (81 days left)',
    }),
  },
};

describe('renderText', () => {
  it('prints one ASCII line per check and a summary naming the exit code', () => {
    const text = renderText(WARN_REPORT, {
      color: false,
      unicode: false,
      strict: false,
      exitCode: 0,
    });
    expect(text).toBe(
      [
        'Meta Ads integration health (2026-12-04T15:00:00.000Z)',
        '  OK   token        valid SYSTEM_USER token, never expires, ads permission granted',
        '  OK   graph /me    184 ms',
        '  OK   rate limit   no usage reported yet',
        '  WARN api version  v25.0 expires on 2027-02-23 (81 days left)',
        '1 warning, 0 failures - exit 0 (use --strict to fail on warnings)',
        '',
      ].join('\n'),
    );
  });

  it('uses marks and ANSI colour when asked, and drops the --strict hint under --strict', () => {
    const text = renderText(WARN_REPORT, { color: true, unicode: true, strict: true, exitCode: 1 });
    expect(text).toContain('  \u001b[32m✓\u001b[0m token ');
    expect(text).toContain('  \u001b[33m!\u001b[0m api version ');
    expect(text.endsWith('1 warning, 0 failures - exit 1\n')).toBe(true);
  });

  it('drops the --strict hint when a failure already exits 1', () => {
    const report: HealthReport = {
      ...WARN_REPORT,
      status: 'fail',
      checks: {
        ...WARN_REPORT.checks,
        'meta-graph:responseTime': check({ status: 'fail', output: 'GET /me failed (reset)' }),
      },
    };

    const text = renderText(report, { color: false, unicode: false, strict: false, exitCode: 1 });

    expect(text.endsWith('\n1 warning, 1 failure - exit 1\n')).toBe(true);
  });

  it('shows skipped checks apart from failures, and prints notes', () => {
    const report: HealthReport = {
      status: 'fail',
      output: 'meta-token:validity: Meta rejected the access token (code 190)',
      notes: ['meta-token:validity was checked with GET /me only'],
      checks: {
        'meta-token:validity': check({
          status: 'fail',
          checkedWith: 'me',
          output: 'Meta rejected the access token (code 190)',
        }),
        'meta-graph:responseTime': check({
          status: 'fail',
          skipped: true,
          output: 'skipped: the token is invalid',
        }),
        'meta-ratelimit:utilization': check({
          status: 'fail',
          skipped: true,
          output: 'skipped: the token is invalid',
        }),
        'meta-api:version': check({ observedValue: 'v26.0', availableUntil: null }),
      },
    };
    expect(renderText(report, { color: false, unicode: false, strict: false, exitCode: 1 })).toBe(
      [
        'Meta Ads integration health (2026-12-04T15:00:00.000Z)',
        '  FAIL token        Meta rejected the access token (code 190)',
        '  SKIP graph /me    skipped: the token is invalid',
        '  SKIP rate limit   skipped: the token is invalid',
        '  OK   api version  v26.0, no announced end date',
        '  note: meta-token:validity was checked with GET /me only',
        '0 warnings, 1 failure, 2 skipped - exit 1',
        '',
      ].join('\n'),
    );
  });

  it('gives the expiry dates of a valid token and the days left until the first', () => {
    const report: HealthReport = {
      ...WARN_REPORT,
      checks: {
        ...WARN_REPORT.checks,
        'meta-token:validity': check({
          checkedWith: 'debug_token',
          tokenType: 'USER',
          observedValue: 41,
          observedUnit: 'd',
          expiresAt: '2027-01-14T10:00:00.000Z',
          dataAccessExpiresAt: '2027-03-01T00:00:00.000Z',
        }),
      },
    };
    const text = renderText(report, { color: false, unicode: false, strict: false, exitCode: 0 });
    expect(text).toContain(
      '  OK   token        valid USER token, expires 2027-01-14, data access until 2027-03-01, 41 days left, ads permission granted\n',
    );
  });

  it('describes a token checked only through GET /me and a usage reading', () => {
    const report: HealthReport = {
      ...WARN_REPORT,
      checks: {
        ...WARN_REPORT.checks,
        'meta-token:validity': check({ checkedWith: 'me' }),
        'meta-ratelimit:utilization': check({ observedValue: 12, observedUnit: 'percent' }),
      },
    };
    const text = renderText(report, { color: false, unicode: false, strict: false, exitCode: 0 });
    expect(text).toContain(
      '  OK   token        accepted by GET /me (expiry and scopes not checked)\n',
    );
    expect(text).toContain('  OK   rate limit   12% of the limit used\n');
  });
});
