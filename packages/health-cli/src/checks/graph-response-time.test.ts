import {
  MetaAuthError,
  MetaDeprecatedVersionError,
  MetaRateLimitError,
  MetaTransientError,
} from '@ctwa/meta-ads-client';
import { describe, expect, it } from 'vitest';
import { CheckTimeoutError } from '../internal/with-timeout.js';
import { responseTimeResult } from './graph-response-time.js';

const TIME = '2026-12-04T15:00:00.000Z';

describe('responseTimeResult', () => {
  it('passes with the rounded response time in ms', () => {
    expect(responseTimeResult({ ok: true, value: {}, elapsedMs: 183.6 }, TIME)).toEqual({
      componentType: 'component',
      status: 'pass',
      time: TIME,
      observedValue: 184,
      observedUnit: 'ms',
    });
  });

  it('fails a timeout with no reading', () => {
    const result = responseTimeResult(
      { ok: false, error: new CheckTimeoutError(5000), elapsedMs: 5001 },
      TIME,
    );
    expect(result).toMatchObject({
      status: 'fail',
      observedValue: null,
      output: 'GET /me timed out (no answer within 5000 ms)',
    });
  });

  it('warns on a throttle, keeping the time Graph took to answer', () => {
    const error = new MetaRateLimitError('throttled', { code: 4, retryAfterMs: 60_000 });
    expect(responseTimeResult({ ok: false, error, elapsedMs: 95 }, TIME)).toMatchObject({
      status: 'warn',
      observedValue: 95,
      output: 'GET /me was throttled (code 4); see meta-ratelimit:utilization',
    });
  });

  it('fails a token rejection and a retired version with their codes', () => {
    const auth = new MetaAuthError('expired', { code: 190, subcode: 463 });
    expect(responseTimeResult({ ok: false, error: auth, elapsedMs: 80 }, TIME).output).toBe(
      'GET /me was refused: Meta rejected the token (code 190, subcode 463)',
    );
    const retired = new MetaDeprecatedVersionError('retired', { code: 2635 });
    expect(responseTimeResult({ ok: false, error: retired, elapsedMs: 80 }, TIME).output).toBe(
      'GET /me was refused: the API version is retired (code 2635); see meta-api:version',
    );
  });

  it('fails any other error with its message', () => {
    const error = new MetaTransientError('Graph answered HTTP 502 with a non-JSON body.');
    expect(responseTimeResult({ ok: false, error, elapsedMs: 40 }, TIME)).toMatchObject({
      status: 'fail',
      observedValue: 40,
      output: 'GET /me failed (Graph answered HTTP 502 with a non-JSON body.)',
    });
  });
});
