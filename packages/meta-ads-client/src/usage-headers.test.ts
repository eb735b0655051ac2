import { describe, expect, it } from 'vitest';
import { parseUsageHeaders } from './usage-headers.js';

describe('parseUsageHeaders', () => {
  it('returns null when no usage header is present, because missing means unknown', () => {
    expect(parseUsageHeaders({ 'content-type': 'application/json' })).toBeNull();
  });

  it('converts reset_time_duration from seconds and regain time from minutes to milliseconds', () => {
    const usage = parseUsageHeaders({
      'x-ad-account-usage':
        '{"acc_id_util_pct":99.5,"reset_time_duration":120,"ads_api_access_tier":"standard_access"}',
      'x-business-use-case-usage':
        '{"440192837465019":[{"type":"ads_management","call_count":40,"total_cputime":10,"total_time":12,"estimated_time_to_regain_access":3}],"873920156473829":[{"type":"ads_insights","call_count":7,"estimated_time_to_regain_access":0}]}',
    });

    expect(usage).toEqual({
      app: null,
      adAccount: {
        accIdUtilPct: 99.5,
        resetTimeDurationMs: 120_000,
        accessTier: 'standard_access',
      },
      businessUseCase: [
        {
          businessId: '440192837465019',
          type: 'ads_management',
          callCount: 40,
          totalCputime: 10,
          totalTime: 12,
          estimatedTimeToRegainAccessMs: 180_000,
          accessTier: null,
        },
        {
          businessId: '873920156473829',
          type: 'ads_insights',
          callCount: 7,
          totalCputime: null,
          totalTime: null,
          estimatedTimeToRegainAccessMs: 0,
          accessTier: null,
        },
      ],
      maxPercent: 99.5,
      regainAccessMs: 180_000,
    });
  });

  it('reads headers from a fetch Headers object', () => {
    const headers = new Headers({
      'X-App-Usage': '{"call_count":12,"total_cputime":3,"total_time":5}',
    });

    expect(parseUsageHeaders(headers)?.app).toEqual({
      callCount: 12,
      totalCputime: 3,
      totalTime: 5,
    });
  });

  it('ignores malformed JSON and odd values instead of throwing', () => {
    const usage = parseUsageHeaders({
      'x-app-usage': '{"call_count":"12","total_time":5',
      'x-ad-account-usage': '{"acc_id_util_pct":"high","reset_time_duration":30}',
      'x-business-use-case-usage': '{"1":"not a list","2":[null,{"type":"pages","call_count":9}]}',
    });

    expect(usage).toEqual({
      app: null,
      adAccount: { accIdUtilPct: null, resetTimeDurationMs: 30_000, accessTier: null },
      businessUseCase: [
        {
          businessId: '2',
          type: 'pages',
          callCount: 9,
          totalCputime: null,
          totalTime: null,
          estimatedTimeToRegainAccessMs: null,
          accessTier: null,
        },
      ],
      maxPercent: 9,
      regainAccessMs: null,
    });
  });

  it('takes the first value of a repeated header', () => {
    const usage = parseUsageHeaders({ 'x-app-usage': ['{"call_count":50}', '{"call_count":1}'] });

    expect(usage?.app?.callCount).toBe(50);
  });
});
