import * as z from 'zod';

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

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

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
  const appRaw = readHeader(headers, 'x-app-usage');
  const adAccountRaw = readHeader(headers, 'x-ad-account-usage');
  const businessRaw = readHeader(headers, 'x-business-use-case-usage');
  if (appRaw === null && adAccountRaw === null && businessRaw === null) return null;

  const app = appRaw === null ? null : parseAppUsage(parseJson(appRaw));
  const adAccount = adAccountRaw === null ? null : parseAdAccountUsage(parseJson(adAccountRaw));
  const businessUseCase = businessRaw === null ? [] : parseBusinessUsage(parseJson(businessRaw));

  return {
    app,
    adAccount,
    businessUseCase,
    maxPercent: maxOf(percentagesOf(app, adAccount, businessUseCase)),
    regainAccessMs: maxOf(businessUseCase.map((entry) => entry.estimatedTimeToRegainAccessMs)),
  };
}

function readHeader(headers: HeaderSource, name: string): string | null {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const value = (headers as Readonly<Record<string, string | string[] | undefined>>)[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return typeof value === 'string' ? value : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Each counter is read on its own, so one odd value costs that value only, never the header.
const counter = z.number().finite().nullable().catch(null);
const label = z.string().min(1).nullable().catch(null);

const appUsageSchema = z
  .object({ call_count: counter, total_cputime: counter, total_time: counter })
  .transform(
    (raw): AppUsage => ({
      callCount: raw.call_count,
      totalCputime: raw.total_cputime,
      totalTime: raw.total_time,
    }),
  )
  .nullable()
  .catch(null);

const adAccountUsageSchema = z
  .object({ acc_id_util_pct: counter, reset_time_duration: counter, ads_api_access_tier: label })
  .transform(
    (raw): AdAccountUsage => ({
      accIdUtilPct: raw.acc_id_util_pct,
      resetTimeDurationMs: scale(raw.reset_time_duration, SECOND_MS),
      accessTier: raw.ads_api_access_tier,
    }),
  )
  .nullable()
  .catch(null);

const businessEntrySchema = z
  .object({
    type: label,
    call_count: counter,
    total_cputime: counter,
    total_time: counter,
    estimated_time_to_regain_access: counter,
    ads_api_access_tier: label,
  })
  .nullable()
  .catch(null);

const businessUsageSchema = z
  .record(z.string(), z.array(z.unknown()).catch([]))
  .catch({})
  .transform((byBusiness) =>
    Object.entries(byBusiness).flatMap(([id, list]) => toEntries(id, list)),
  );

function parseAppUsage(value: unknown): AppUsage | null {
  return appUsageSchema.parse(value);
}

function parseAdAccountUsage(value: unknown): AdAccountUsage | null {
  return adAccountUsageSchema.parse(value);
}

function parseBusinessUsage(value: unknown): BusinessUseCaseUsage[] {
  return businessUsageSchema.parse(value);
}

function toEntries(businessId: string, list: readonly unknown[]): BusinessUseCaseUsage[] {
  const entries: BusinessUseCaseUsage[] = [];
  for (const item of list) {
    const raw = businessEntrySchema.parse(item);
    if (raw === null) continue;
    entries.push({
      businessId,
      type: raw.type,
      callCount: raw.call_count,
      totalCputime: raw.total_cputime,
      totalTime: raw.total_time,
      estimatedTimeToRegainAccessMs: scale(raw.estimated_time_to_regain_access, MINUTE_MS),
      accessTier: raw.ads_api_access_tier,
    });
  }
  return entries;
}

function scale(value: number | null, factor: number): number | null {
  return value === null ? null : value * factor;
}

function percentagesOf(
  app: AppUsage | null,
  adAccount: AdAccountUsage | null,
  businessUseCase: readonly BusinessUseCaseUsage[],
): (number | null)[] {
  const values: (number | null)[] = [];
  if (app) values.push(app.callCount, app.totalCputime, app.totalTime);
  if (adAccount) values.push(adAccount.accIdUtilPct);
  for (const entry of businessUseCase) {
    values.push(entry.callCount, entry.totalCputime, entry.totalTime);
  }
  return values;
}

function maxOf(values: readonly (number | null)[]): number | null {
  let max: number | null = null;
  for (const value of values) {
    if (value !== null && (max === null || value > max)) max = value;
  }
  return max;
}
