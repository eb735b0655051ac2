import type { GraphUsage } from '@ctwa/meta-ads-client';
import { describe, expect, it } from 'vitest';
import { highestCounterLabel } from './usage-counters.js';

const EMPTY: GraphUsage = {
  app: null,
  adAccount: null,
  businessUseCase: [],
  maxPercent: null,
  regainAccessMs: null,
};

describe('highestCounterLabel', () => {
  it('is null when no counter has a value', () => {
    expect(highestCounterLabel(EMPTY)).toBeNull();
  });

  it('names the business use case counter with its type and owner', () => {
    const usage: GraphUsage = {
      ...EMPTY,
      app: { callCount: 23, totalCputime: 9, totalTime: 14 },
      adAccount: { accIdUtilPct: 84.62, resetTimeDurationMs: 1_260_000, accessTier: null },
      businessUseCase: [
        {
          businessId: '561029384756102',
          type: 'ads_management',
          callCount: 85,
          totalCputime: 37,
          totalTime: 61,
          estimatedTimeToRegainAccessMs: 0,
          accessTier: 'standard_access',
        },
      ],
    };
    expect(highestCounterLabel(usage)).toBe('ads_management call_count for 561029384756102');
  });

  it('names an app counter or the ad account when they are highest', () => {
    expect(
      highestCounterLabel({ ...EMPTY, app: { callCount: 10, totalCputime: 91, totalTime: null } }),
    ).toBe('app total_cputime');
    expect(
      highestCounterLabel({
        ...EMPTY,
        app: { callCount: 10, totalCputime: 11, totalTime: 12 },
        adAccount: { accIdUtilPct: 50, resetTimeDurationMs: null, accessTier: null },
      }),
    ).toBe('ad account acc_id_util_pct');
  });
});
