import type { GraphUsage } from '@ctwa/meta-ads-client';
import { MetaNetworkError, MetaRateLimitError } from '@ctwa/meta-ads-client';
import { describe, expect, it } from 'vitest';
import type { Probe } from '../internal/probe.js';
import { rateLimitResult } from './rate-limit-utilization.js';

const TIME = '2026-12-04T15:00:00.000Z';

function usage(maxPercent: number | null, regainAccessMs: number | null = null): GraphUsage {
  return { app: null, adAccount: null, businessUseCase: [], maxPercent, regainAccessMs };
}

function answered(graphUsage: GraphUsage | null): Probe<{ usage: GraphUsage | null }> {
  return { ok: true, value: { usage: graphUsage }, elapsedMs: 120 };
}

function failed(error: unknown): Probe<{ usage: GraphUsage | null }> {
  return { ok: false, error, elapsedMs: 120 };
}

describe('rateLimitResult', () => {
  it('passes with observedValue null when Graph sent no usage header', () => {
    expect(rateLimitResult(answered(usage(null)), TIME, 80)).toEqual({
      componentType: 'component',
      status: 'pass',
      time: TIME,
      observedValue: null,
      observedUnit: 'percent',
    });
  });

  it('passes with observedValue null when the response carried no usage at all', () => {
    const result = rateLimitResult(answered(null), TIME, 80);
    expect(result.status).toBe('pass');
    expect(result.observedValue).toBeNull();
  });

  it('passes below the warning threshold', () => {
    const result = rateLimitResult(answered(usage(79.9)), TIME, 80);
    expect(result.status).toBe('pass');
    expect(result.observedValue).toBe(79.9);
  });

  it('warns at exactly 80 %', () => {
    expect(rateLimitResult(answered(usage(80)), TIME, 80).status).toBe('warn');
  });

  it('warns from 80 % of the highest counter', () => {
    const result = rateLimitResult(answered(usage(85)), TIME, 80);
    expect(result.status).toBe('warn');
    expect(result.output).toBe(
      "usage is at 85% of Meta's limit, past the 80% warning line; spread or reduce Graph calls",
    );
  });

  it('fails at 100 %, where Graph refuses calls', () => {
    const result = rateLimitResult(answered(usage(100)), TIME, 80);
    expect(result.status).toBe('fail');
    expect(result.output).toBe("usage is at 100% of Meta's limit; calls fail until it drops");
  });

  it('fails while Graph estimates time to regain access, whatever the percentage', () => {
    const result = rateLimitResult(answered(usage(12, 14 * 60_000)), TIME, 80);
    expect(result.status).toBe('fail');
    expect(result.output).toBe('Meta is throttling calls; access returns in about 14 minutes');
  });

  it('fails on a throttle error, preferring Graph usage over the fallback wait', () => {
    const error = new MetaRateLimitError('throttled', {
      code: 80004,
      subcode: 2446079,
      usage: usage(104, 14 * 60_000),
      retryAfterMs: 60_000,
    });
    expect(rateLimitResult(failed(error), TIME, 80)).toEqual({
      componentType: 'component',
      status: 'fail',
      time: TIME,
      observedValue: 104,
      observedUnit: 'percent',
      output:
        'Meta is throttling calls (code 80004, subcode 2446079); access returns in about 14 minutes',
    });
  });

  it('reports a throttle without usage headers with the client wait and a null reading', () => {
    const error = new MetaRateLimitError('throttled', { code: 4, retryAfterMs: 90_000 });
    const result = rateLimitResult(failed(error), TIME, 80);
    expect(result.observedValue).toBeNull();
    expect(result.output).toBe(
      'Meta is throttling calls (code 4); access returns in about 2 minutes',
    );
  });

  it('is skipped when GET /me failed for another reason', () => {
    expect(rateLimitResult(failed(new MetaNetworkError('refused')), TIME, 80)).toEqual({
      componentType: 'component',
      status: 'fail',
      time: TIME,
      observedValue: null,
      output: 'skipped: GET /me failed, so no usage headers were read',
      skipped: true,
    });
  });
});
