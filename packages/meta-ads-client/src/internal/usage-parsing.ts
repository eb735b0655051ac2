import * as z from 'zod';
import type {
  AdAccountUsage,
  AppUsage,
  BusinessUseCaseUsage,
  GraphUsage,
  HeaderSource,
} from '../usage-headers.js';

const MINUTE_MS = 60_000;
const SECOND_MS = 1_000;

/** The raw values of the three usage headers; `null` for a header the response did not send. */
export interface UsageHeaderValues {
  app: string | null;
  adAccount: string | null;
  businessUseCase: string | null;
}

export function readUsageHeaderValues(headers: HeaderSource): UsageHeaderValues {
  return {
    app: readHeader(headers, 'x-app-usage'),
    adAccount: readHeader(headers, 'x-ad-account-usage'),
    businessUseCase: readHeader(headers, 'x-business-use-case-usage'),
  };
}

export function usageFromHeaderValues(values: UsageHeaderValues): GraphUsage | null {
  if (values.app === null && values.adAccount === null && values.businessUseCase === null)
    return null;

  const app = values.app === null ? null : parseAppUsage(parseJson(values.app));
  const adAccount =
    values.adAccount === null ? null : parseAdAccountUsage(parseJson(values.adAccount));
  const businessUseCase =
    values.businessUseCase === null ? [] : parseBusinessUsage(parseJson(values.businessUseCase));

  return {
    app,
    adAccount,
    businessUseCase,
    maxPercent: maxOf(percentagesOf(app, adAccount, businessUseCase)),
    regainAccessMs: maxOf(businessUseCase.map((entry) => entry.estimatedTimeToRegainAccessMs)),
  };
}

export function hasUsageValues(values: UsageHeaderValues): boolean {
  return values.app !== null || values.adAccount !== null || values.businessUseCase !== null;
}

/**
 * Parses usage header values, reusing the previous result when they repeat the exact values of
 * the call before, as they often do under light load. Results are frozen, because one object may
 * then be handed to several callers.
 */
export function createUsageParser(): (values: UsageHeaderValues) => GraphUsage | null {
  let lastValues: UsageHeaderValues | null = null;
  let lastUsage: GraphUsage | null = null;
  return (values) => {
    if (lastValues && sameValues(lastValues, values)) return lastUsage;
    lastValues = values;
    lastUsage = deepFreeze(usageFromHeaderValues(values));
    return lastUsage;
  };
}

/** {@link createUsageParser} over response headers. */
export function createUsageReader(): (headers: HeaderSource) => GraphUsage | null {
  const parse = createUsageParser();
  return (headers) => parse(readUsageHeaderValues(headers));
}

function sameValues(a: UsageHeaderValues, b: UsageHeaderValues): boolean {
  return a.app === b.app && a.adAccount === b.adAccount && a.businessUseCase === b.businessUseCase;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

type HeaderGetter = Extract<HeaderSource, { get(name: string): string | null }>;

// A plain header record may itself hold a header named "get", so the test is on its type.
function isHeaderGetter(headers: HeaderSource): headers is HeaderGetter {
  return typeof headers.get === 'function';
}

function readHeader(headers: HeaderSource, name: string): string | null {
  if (isHeaderGetter(headers)) return headers.get(name);
  const value = headers[name];
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
