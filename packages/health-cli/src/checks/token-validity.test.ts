import type { TokenDebugInfo } from '@ctwa/meta-ads-client';
import { MetaAuthError, MetaNetworkError, MetaRateLimitError } from '@ctwa/meta-ads-client';
import { describe, expect, it } from 'vitest';
import { CheckTimeoutError } from '../internal/with-timeout.js';
import {
  missingTokenResult,
  tokenResultFromDebugFailure,
  tokenResultFromDebugInfo,
  tokenResultFromMe,
} from './token-validity.js';

const NOW = new Date('2026-12-04T15:00:00.000Z');
const DAY = 86_400_000;

function debugInfo(overrides: Partial<TokenDebugInfo> = {}): TokenDebugInfo {
  return {
    isValid: true,
    type: 'SYSTEM_USER',
    appId: '1029384756102938',
    application: 'Arrayan CTWA Attribution',
    userId: '122109384756102938',
    issuedAt: new Date('2026-10-09T06:25:37.000Z'),
    expiresAt: null,
    dataAccessExpiresAt: null,
    scopes: ['ads_read', 'business_management'],
    granularScopes: [{ scope: 'ads_read', targetIds: ['873920156473829'] }],
    error: null,
    ...overrides,
  };
}

describe('tokenResultFromDebugInfo', () => {
  it('passes a valid token that never expires, with no output', () => {
    expect(tokenResultFromDebugInfo(debugInfo(), NOW, 7)).toEqual({
      componentType: 'component',
      status: 'pass',
      time: '2026-12-04T15:00:00.000Z',
      observedValue: null,
      observedUnit: 'd',
      checkedWith: 'debug_token',
      tokenType: 'SYSTEM_USER',
      scopesOk: true,
      expiresAt: null,
      dataAccessExpiresAt: null,
    });
  });

  it('reports the days left and passes when expiry is 8 days away', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({ expiresAt: new Date(NOW.getTime() + 8 * DAY) }),
      NOW,
      7,
    );
    expect(result.status).toBe('pass');
    expect(result.observedValue).toBe(8);
    expect(result.expiresAt).toBe('2026-12-12T15:00:00.000Z');
    expect(result.output).toBeUndefined();
  });

  it('warns when the token expires within 7 days', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({ expiresAt: new Date('2026-12-09T10:00:00.000Z') }),
      NOW,
      7,
    );
    expect(result.status).toBe('warn');
    expect(result.observedValue).toBe(4);
    expect(result.output).toBe(
      'the token expires in 4 days (2026-12-09); generate a new system-user token and set META_ADS_TOKEN before then',
    );
  });

  it('fails a token whose expiry has passed even if debug_token still calls it valid', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({ expiresAt: new Date('2026-12-01T00:00:00.000Z') }),
      NOW,
      7,
    );
    expect(result.status).toBe('fail');
    expect(result.output).toBe(
      'the token expired on 2026-12-01; generate a new system-user token and set META_ADS_TOKEN',
    );
  });

  it('warns on data access expiring soon and reports the earlier expiry in days', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({
        expiresAt: new Date(NOW.getTime() + 60 * DAY),
        dataAccessExpiresAt: new Date(NOW.getTime() + 3 * DAY + 3_600_000),
      }),
      NOW,
      7,
    );
    expect(result.status).toBe('warn');
    expect(result.observedValue).toBe(3);
    expect(result.output).toBe(
      'data access expires in 3 days (2026-12-07); have the user re-authorize the app to restore data access before then',
    );
  });

  it('describes an expiry less than a day away in hours', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({ expiresAt: new Date(NOW.getTime() + 5 * 3_600_000) }),
      NOW,
      7,
    );
    expect(result.observedValue).toBe(0);
    expect(result.output).toContain('the token expires in 5 hours (2026-12-04)');
  });

  it('fails a token that has neither ads_read nor ads_management', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({ scopes: ['business_management', 'whatsapp_business_messaging'] }),
      NOW,
      7,
    );
    expect(result.status).toBe('fail');
    expect(result.scopesOk).toBe(false);
    expect(result.output).toBe(
      'the token has neither ads_read nor ads_management; grant ads_read to the system user and generate a new token',
    );
  });

  it('accepts ads_management in place of ads_read', () => {
    const result = tokenResultFromDebugInfo(debugInfo({ scopes: ['ads_management'] }), NOW, 7);
    expect(result.status).toBe('pass');
    expect(result.scopesOk).toBe(true);
  });

  it('fails an invalid token, naming the code, subcode and cause', () => {
    const result = tokenResultFromDebugInfo(
      debugInfo({
        isValid: false,
        type: 'USER',
        scopes: [],
        expiresAt: new Date('2026-11-27T16:00:00.000Z'),
        error: { code: 190, subcode: 463, message: 'Session expired' },
      }),
      NOW,
      7,
    );
    expect(result.status).toBe('fail');
    expect(result.observedValue).toBeNull();
    expect(result.output).toBe(
      'debug_token reports the token invalid (code 190, subcode 463: the token expired); generate a new system-user token and set META_ADS_TOKEN',
    );
  });

  it('names only the codes when the subcode has no known cause, and neither when Graph gives none', () => {
    const unknownCause = debugInfo({
      isValid: false,
      error: { code: 190, subcode: 999, message: 'Invalid' },
    });
    const noError = debugInfo({ isValid: false, error: null });
    expect(tokenResultFromDebugInfo(unknownCause, NOW, 7).output).toBe(
      'debug_token reports the token invalid (code 190, subcode 999); generate a new system-user token and set META_ADS_TOKEN',
    );
    expect(tokenResultFromDebugInfo(noError, NOW, 7).output).toBe(
      'debug_token reports the token invalid; generate a new system-user token and set META_ADS_TOKEN',
    );
  });

  it('warns inside the 7-day window and passes at its edge', () => {
    const justInside = debugInfo({ expiresAt: new Date(NOW.getTime() + 7 * DAY - 60_000) });
    const atEdge = debugInfo({ expiresAt: new Date(NOW.getTime() + 7 * DAY) });
    expect(tokenResultFromDebugInfo(justInside, NOW, 7).status).toBe('warn');
    expect(tokenResultFromDebugInfo(atEdge, NOW, 7).status).toBe('pass');
  });

  it('honours a custom warning window', () => {
    const info = debugInfo({ expiresAt: new Date(NOW.getTime() + 10 * DAY) });
    expect(tokenResultFromDebugInfo(info, NOW, 14).status).toBe('warn');
    expect(tokenResultFromDebugInfo(info, NOW, 7).status).toBe('pass');
  });
});

describe('tokenResultFromDebugFailure', () => {
  const time = NOW.toISOString();

  it('blames the app credentials when debug_token itself is refused', () => {
    const error = new MetaAuthError('rejected', { status: 400, code: 190 });
    expect(tokenResultFromDebugFailure(error, time)).toEqual({
      componentType: 'component',
      status: 'fail',
      time,
      observedValue: null,
      checkedWith: 'debug_token',
      output:
        'debug_token was refused (code 190); check META_APP_ID and META_APP_SECRET, which debug_token signs in with',
    });
  });

  it('warns when debug_token is throttled', () => {
    const error = new MetaRateLimitError('throttled', { code: 4, retryAfterMs: 60_000 });
    const result = tokenResultFromDebugFailure(error, time);
    expect(result.status).toBe('warn');
    expect(result.output).toBe('not verified: debug_token was throttled');
  });

  it('fails on a timeout, naming the budget', () => {
    const result = tokenResultFromDebugFailure(new CheckTimeoutError(2000), time);
    expect(result.status).toBe('fail');
    expect(result.output).toBe('debug_token timed out (no answer within 2000 ms)');
  });

  it('fails on any other error with its first line', () => {
    const error = new MetaNetworkError('Graph could not be reached: ECONNREFUSED\nmore detail');
    const result = tokenResultFromDebugFailure(error, time);
    expect(result.output).toBe('debug_token failed (Graph could not be reached: ECONNREFUSED)');
  });
});

describe('tokenResultFromMe', () => {
  const time = NOW.toISOString();

  it('passes when GET /me succeeded, saying how the token was checked', () => {
    expect(tokenResultFromMe(null, time)).toEqual({
      componentType: 'component',
      status: 'pass',
      time,
      observedValue: null,
      checkedWith: 'me',
    });
  });

  it('fails when GET /me answers code 190', () => {
    const error = new MetaAuthError('expired', { status: 400, code: 190, subcode: 463 });
    expect(tokenResultFromMe(error, time).output).toBe(
      'Meta rejected the access token (code 190, subcode 463); generate a new system-user token and set META_ADS_TOKEN',
    );
  });

  it('is skipped when GET /me failed for a reason unrelated to the token', () => {
    expect(tokenResultFromMe(new MetaNetworkError('refused'), time)).toEqual({
      componentType: 'component',
      status: 'fail',
      time,
      observedValue: null,
      output: 'skipped: GET /me failed, so the token could not be tested',
      skipped: true,
      checkedWith: 'me',
    });
  });

  it('warns without a verdict when GET /me is throttled', () => {
    const error = new MetaRateLimitError('throttled', { code: 17, retryAfterMs: 60_000 });
    expect(tokenResultFromMe(error, time)).toMatchObject({
      status: 'warn',
      output: 'not verified: GET /me was throttled; see meta-ratelimit:utilization',
    });
  });
});

describe('missingTokenResult', () => {
  it('fails with a hint naming META_ADS_TOKEN', () => {
    const result = missingTokenResult(NOW.toISOString());
    expect(result.status).toBe('fail');
    expect(result.output).toBe(
      'META_ADS_TOKEN is not set, so ads cannot be enriched; create a system-user token with ads_read and set META_ADS_TOKEN',
    );
  });
});
