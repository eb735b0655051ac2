import { describe, expect, it } from 'vitest';
import {
  MetaAuthError,
  MetaRateLimitError,
  MetaTimeoutError,
  MetaTransientError,
} from '../errors.js';
import { decideRetry, type RetryPolicy, retryDelay, shouldRetry } from './retry.js';

const POLICY: RetryPolicy = { maxRetries: 2, baseDelayMs: 250, maxDelayMs: 5_000 };

describe('shouldRetry', () => {
  it('retries transient errors and timeouts until maxRetries', () => {
    expect(shouldRetry(new MetaTransientError('x'), 0, POLICY)).toBe(true);
    expect(shouldRetry(new MetaTimeoutError('x'), 1, POLICY)).toBe(true);
    expect(shouldRetry(new MetaTransientError('x'), 2, POLICY)).toBe(false);
  });

  it('never retries auth errors', () => {
    expect(shouldRetry(new MetaAuthError('x'), 0, POLICY)).toBe(false);
  });
});

describe('retryDelay', () => {
  it('draws full jitter below min(cap, base * 2^retries)', () => {
    const error = new MetaTransientError('x');

    expect(retryDelay(error, 0, POLICY, () => 0.999)).toBe(249);
    expect(retryDelay(error, 3, POLICY, () => 0.5)).toBe(1_000);
    expect(retryDelay(error, 10, POLICY, () => 0.5)).toBe(2_500);
    expect(retryDelay(error, 1, POLICY, () => 0)).toBe(0);
  });

  it('lets a throttle hint win over the backoff', () => {
    const error = new MetaRateLimitError('x', { retryAfterMs: 840_000 });

    expect(retryDelay(error, 0, POLICY, () => 0.5)).toBe(840_000);
  });
});

describe('decideRetry', () => {
  it('retries when the wait fits the remaining budget', () => {
    expect(decideRetry(new MetaTransientError('x'), 0, 10_000, POLICY, () => 0.5)).toEqual({
      retry: true,
      delayMs: 125,
    });
  });

  it('gives up when the wait would outlast the deadline', () => {
    const error = new MetaRateLimitError('x', { retryAfterMs: 840_000 });

    expect(decideRetry(error, 0, 15_000, POLICY, () => 0.5)).toEqual({ retry: false });
  });
});
