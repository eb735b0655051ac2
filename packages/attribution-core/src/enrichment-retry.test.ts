import { describe, expect, it } from 'vitest';
import { NamedError } from '../test/support/fake-ad-source.js';
import { defaultEnrichmentRetryPolicy, nextEnrichmentAttempt } from './enrichment-retry.js';

const now = new Date('2026-12-04T12:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);
const transient = new NamedError('MetaTransientError', 'Graph is having a moment');

describe('nextEnrichmentAttempt', () => {
  it('backs off exponentially from one minute', () => {
    expect(nextEnrichmentAttempt({ attempts: 1, error: transient, now })).toEqual(at(60_000));
    expect(nextEnrichmentAttempt({ attempts: 2, error: transient, now })).toEqual(at(120_000));
    expect(nextEnrichmentAttempt({ attempts: 4, error: transient, now })).toEqual(at(480_000));
  });

  it('caps the back-off at six hours', () => {
    const policy = { ...defaultEnrichmentRetryPolicy, maxAttempts: 100 };
    expect(nextEnrichmentAttempt({ attempts: 20, error: transient, now, policy })).toEqual(
      at(6 * 3_600_000),
    );
  });

  it('gives up after the last allowed attempt', () => {
    expect(nextEnrichmentAttempt({ attempts: 8, error: transient, now })).toBeNull();
  });

  it('waits at least an hour after a token problem, which needs a human', () => {
    const expired = new NamedError('MetaAuthError', 'token expired');
    expect(nextEnrichmentAttempt({ attempts: 1, error: expired, now })).toEqual(at(3_600_000));
  });

  it("honours a throttle's retryAfterMs when it is longer than the back-off", () => {
    const throttle = new NamedError('MetaRateLimitError', 'throttled', 14 * 60_000);
    expect(nextEnrichmentAttempt({ attempts: 1, error: throttle, now })).toEqual(at(14 * 60_000));
  });

  it('ignores a shorter, negative or non-numeric retryAfterMs', () => {
    for (const hint of [1_000, -5, Number.NaN]) {
      const error = new NamedError('MetaRateLimitError', 'throttled', hint);
      expect(nextEnrichmentAttempt({ attempts: 1, error, now })).toEqual(at(60_000));
    }
  });

  it('clips an absurd server hint to one day', () => {
    const error = new NamedError('MetaRateLimitError', 'throttled', 10 * 86_400_000);
    expect(nextEnrichmentAttempt({ attempts: 1, error, now })).toEqual(at(86_400_000));
  });
});
