import { type MetaApiError, MetaRateLimitError } from '../errors.js';

/** The whole retry policy as data; every retry path of the client goes through this module. */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/** Whether a failed attempt may be tried again: only retryable errors, within `maxRetries`. */
export function shouldRetry(
  error: MetaApiError,
  retriesSoFar: number,
  policy: RetryPolicy,
): boolean {
  return error.retryable && retriesSoFar < policy.maxRetries;
}

/**
 * How long to wait before the next attempt. A throttle's own hint wins over our backoff; otherwise
 * exponential backoff with full jitter: a uniform wait in [0, min(cap, base * 2^retries)).
 */
export function retryDelay(
  error: MetaApiError,
  retriesSoFar: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (error instanceof MetaRateLimitError) return error.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retriesSoFar);
  return Math.floor(random() * ceiling);
}

/** Combines both: retry only when allowed and when the wait still fits the remaining budget. */
export function decideRetry(
  error: MetaApiError,
  retriesSoFar: number,
  remainingMs: number,
  policy: RetryPolicy,
  random: () => number,
): RetryDecision {
  if (!shouldRetry(error, retriesSoFar, policy)) return { retry: false };
  const delayMs = retryDelay(error, retriesSoFar, policy, random);
  // A wait that outlasts the caller's deadline would only turn this error into a timeout.
  if (delayMs >= remainingMs) return { retry: false };
  return { retry: true, delayMs };
}
