/** When a failed enrichment is tried again. All durations in milliseconds. */
export interface EnrichmentRetryPolicy {
  /** Delay after the first failure; doubles after each further failure. Default 60 s. */
  baseDelayMs: number;
  /** Longest back-off between attempts. Default 6 h. */
  maxDelayMs: number;
  /** After this many attempts the row stays 'failed' with no next attempt. Default 8. */
  maxAttempts: number;
  /** Least delay after a token, permission or version problem, which needs a human. Default 1 h. */
  configurationErrorDelayMs: number;
}

/** The policy used when `EnrichmentDeps.retryPolicy` leaves a field out. */
export const defaultEnrichmentRetryPolicy: EnrichmentRetryPolicy = Object.freeze({
  baseDelayMs: 60_000,
  maxDelayMs: 6 * 60 * 60_000,
  maxAttempts: 8,
  configurationErrorDelayMs: 60 * 60_000,
});

/** A server wait hint longer than this is treated as broken and clipped. */
const MAX_SERVER_HINT_MS = 24 * 60 * 60_000;

/** Error names (from `@ctwa/meta-ads-client`) that no amount of retrying fixes by itself. */
const CONFIGURATION_ERRORS = new Set([
  'MetaAuthError',
  'MetaPermissionError',
  'MetaConfigError',
  'MetaDeprecatedVersionError',
]);

/** True for the error Graph gives for an ad that does not exist or the token cannot see. */
export function isAdNotFoundError(error: unknown): boolean {
  return error instanceof Error && error.name === 'MetaNotFoundError';
}

/**
 * When to try a failed enrichment again, or `null` to give up. `attempts` counts every attempt
 * made so far, this one included. A numeric `retryAfterMs` on the error (a Graph throttle's
 * wait hint) wins over the back-off when it is longer.
 *
 * @example
 * nextEnrichmentAttempt({ attempts: 1, error, now }); // now + 60 s with the default policy
 */
export function nextEnrichmentAttempt(input: {
  attempts: number;
  error: unknown;
  now: Date;
  policy?: EnrichmentRetryPolicy;
}): Date | null {
  const policy = input.policy ?? defaultEnrichmentRetryPolicy;
  if (input.attempts >= policy.maxAttempts) return null;

  const exponent = Math.max(0, input.attempts - 1);
  let delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  if (input.error instanceof Error && CONFIGURATION_ERRORS.has(input.error.name)) {
    delay = Math.max(delay, policy.configurationErrorDelayMs);
  }
  delay = Math.max(delay, serverWaitHint(input.error));
  return new Date(input.now.getTime() + delay);
}

function serverWaitHint(error: unknown): number {
  if (typeof error !== 'object' || error === null) return 0;
  const hint = (error as { retryAfterMs?: unknown }).retryAfterMs;
  if (typeof hint !== 'number' || !Number.isFinite(hint) || hint <= 0) return 0;
  return Math.min(hint, MAX_SERVER_HINT_MS);
}
