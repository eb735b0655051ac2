import { readUsageHeaderValues, usageFromHeaderValues } from './internal/usage-parsing.js';

/** `X-App-Usage`: whole-number percentages of the app's rolling one-hour platform quota. */
export interface AppUsage {
  callCount: number | null;
  totalCputime: number | null;
  totalTime: number | null;
}

/** `X-Ad-Account-Usage`: how much of one ad account's quota is used, and when it resets. */
export interface AdAccountUsage {
  accIdUtilPct: number | null;
  /** Graph sends `reset_time_duration` in seconds; this is milliseconds. */
  resetTimeDurationMs: number | null;
  accessTier: string | null;
}

/** One entry of `X-Business-Use-Case-Usage` (one business object, one use case). */
export interface BusinessUseCaseUsage {
  /** The key Graph used for this entry (for ad calls, the ad account id without `act_`). */
  businessId: string;
  type: string | null;
  callCount: number | null;
  totalCputime: number | null;
  totalTime: number | null;
  /** Graph sends `estimated_time_to_regain_access` in minutes; this is milliseconds. */
  estimatedTimeToRegainAccessMs: number | null;
  accessTier: string | null;
}

/**
 * Everything the Graph usage headers of one response said. A missing header means "unknown",
 * never 0 %, so absent parts are `null` (or an empty list for the business use cases).
 */
export interface GraphUsage {
  app: AppUsage | null;
  adAccount: AdAccountUsage | null;
  businessUseCase: BusinessUseCaseUsage[];
  /** Highest percentage across every counter present, or `null` when no header was sent. */
  maxPercent: number | null;
  /** Longest `estimated_time_to_regain_access` across business use cases, in milliseconds. */
  regainAccessMs: number | null;
}

/** Anything that can look a header up by lowercase name (undici's headers object, a fetch `Headers`). */
export type HeaderSource =
  | { get(name: string): string | null }
  | Readonly<Record<string, string | string[] | undefined>>;

/**
 * Parses Graph's usage headers (`x-app-usage`, `x-ad-account-usage`, `x-business-use-case-usage`),
 * whose values are JSON inside a string. Malformed values are ignored, never thrown.
 * Returns `null` when the response carried none of them.
 *
 * @example
 * const usage = parseUsageHeaders(response.headers);
 * if (usage && (usage.maxPercent ?? 0) >= 80) slowDown();
 */
export function parseUsageHeaders(headers: HeaderSource): GraphUsage | null {
  return usageFromHeaderValues(readUsageHeaderValues(headers));
}
