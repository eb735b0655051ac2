import { describe, expect, it } from 'vitest';
import type { MetaErrorKind } from '../errors.js';
import { classifyGraphFailure, kindOf, retryAfterOf } from './classify.js';

const CONTEXT = {
  subject: 'ad 120214583920175512',
  apiVersion: 'v26.0',
  redact: (text: string) => text.replaceAll('EAAsecret', '[redacted]'),
  throttleFallbackMs: 60_000,
};

function graphError(code: number, extra: Record<string, unknown> = {}) {
  return { message: 'x', type: 'OAuthException', code, ...extra };
}

describe('kindOf', () => {
  it.each([
    [400, 190, undefined, 'auth'],
    [400, 102, undefined, 'auth'],
    [403, 200, undefined, 'permission'],
    [400, 283, undefined, 'permission'],
    [400, 10, undefined, 'permission'],
    [400, 3, undefined, 'permission'],
    [400, 100, 33, 'not_found'],
    [400, 803, undefined, 'not_found'],
    [400, 100, undefined, 'invalid_request'],
    [403, 4, undefined, 'rate_limit'],
    [400, 17, 2446079, 'rate_limit'],
    [400, 32, undefined, 'rate_limit'],
    [400, 613, 1996, 'rate_limit'],
    [400, 80000, 2446079, 'rate_limit'],
    [400, 80014, undefined, 'rate_limit'],
    [500, 1, 99, 'transient'],
    [503, 2, undefined, 'transient'],
    [400, 2635, undefined, 'deprecated_version'],
    [400, 368, undefined, 'api'],
  ] as const)('HTTP %i with code %i/%s is %s', (status, code, subcode, kind) => {
    const body = graphError(code, subcode === undefined ? {} : { error_subcode: subcode });
    expect(kindOf(status, body)).toBe(kind satisfies MetaErrorKind);
  });

  it('treats is_transient as retryable even for a code it does not know', () => {
    expect(kindOf(400, graphError(100, { error_subcode: 1487833, is_transient: true }))).toBe(
      'transient',
    );
  });

  it('falls back to the seed-era statuses when there is no Graph error body', () => {
    expect(kindOf(401, null)).toBe('auth');
    expect(kindOf(403, null)).toBe('permission');
    expect(kindOf(404, null)).toBe('not_found');
    expect(kindOf(429, null)).toBe('rate_limit');
    expect(kindOf(502, null)).toBe('transient');
    expect(kindOf(400, null)).toBe('transient');
  });
});

describe('classifyGraphFailure', () => {
  it('maps a 429 without a body to MetaRateLimitError with the fallback wait', () => {
    const error = classifyGraphFailure({ status: 429, body: undefined, usage: null }, CONTEXT);

    expect(error).toMatchObject({
      name: 'MetaRateLimitError',
      status: 429,
      code: null,
      retryAfterMs: 60_000,
    });
    expect(error.message).toBe(
      'Meta is throttling calls (HTTP 429). Stop calling Graph for about 1 min; calls before then only extend the block.',
    );
  });

  it('redacts credentials from the Graph message it quotes', () => {
    const body = { error: graphError(190, { message: 'Malformed access token EAAsecret' }) };
    const error = classifyGraphFailure({ status: 400, body, usage: null }, CONTEXT);

    expect(error.message).toContain('Graph said: "Malformed access token [redacted]"');
    expect(error.graphMessage).toBe('Malformed access token [redacted]');
  });

  it('keeps error_user_title and error_user_msg for end users', () => {
    const body = {
      error: graphError(190, {
        error_user_title: 'Session invalidated',
        error_user_msg: 'Log in again.',
      }),
    };
    const error = classifyGraphFailure({ status: 400, body, usage: null }, CONTEXT);

    expect(error).toMatchObject({ userTitle: 'Session invalidated', userMessage: 'Log in again.' });
  });
});

describe('retryAfterOf', () => {
  const usage = (
    regainAccessMs: number | null,
    accIdUtilPct: number,
    resetTimeDurationMs: number,
  ) => ({
    app: null,
    adAccount: { accIdUtilPct, resetTimeDurationMs, accessTier: null },
    businessUseCase: [],
    maxPercent: accIdUtilPct,
    regainAccessMs,
  });

  it('takes the longest of the regain time and, at 100 percent, the ad account reset time', () => {
    expect(retryAfterOf(usage(180_000, 100, 600_000), CONTEXT)).toBe(600_000);
    expect(retryAfterOf(usage(180_000, 85, 600_000), CONTEXT)).toBe(180_000);
  });

  it('uses the fallback when no header gives a positive wait', () => {
    expect(retryAfterOf(usage(0, 50, 0), CONTEXT)).toBe(60_000);
    expect(retryAfterOf(null, CONTEXT)).toBe(60_000);
  });

  it('caps the wait at 24 hours however large the headers say it is', () => {
    expect(retryAfterOf(usage(1e12 * 60_000, 50, 0), CONTEXT)).toBe(86_400_000);
    expect(retryAfterOf(usage(0, 100, 1e15), CONTEXT)).toBe(86_400_000);
    expect(retryAfterOf(usage(0, 50, 0), { throttleFallbackMs: 1e15 })).toBe(86_400_000);
  });
});
