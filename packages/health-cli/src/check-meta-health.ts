import { MetaAdsClient } from '@ctwa/meta-ads-client';
import { apiVersionResult } from './checks/api-version.js';
import { responseTimeResult } from './checks/graph-response-time.js';
import { rateLimitResult } from './checks/rate-limit-utilization.js';
import {
  missingTokenResult,
  tokenResultFromDebugFailure,
  tokenResultFromDebugInfo,
  tokenResultFromMe,
} from './checks/token-validity.js';
import type { HealthCheckResult, HealthReport, MetaHealthCheckKey } from './health-report.js';
import { META_HEALTH_CHECK_KEYS, worstStatus } from './health-report.js';
import { skippedResult } from './internal/check-result.js';
import { describeFailure, isConfigError, isTokenRejection } from './internal/graph-errors.js';
import { readHealthEnv } from './internal/health-env.js';
import { type Probe, probe } from './internal/probe.js';

/** The part of MetaAdsClient the health checks use. */
export type MetaHealthClient = Pick<MetaAdsClient, 'apiVersion' | 'getMe' | 'debugToken'>;

/** When a reading turns from pass to warn. */
export interface MetaHealthThresholds {
  /** Warn when the token or its data access expires within this many days. Default 7. */
  tokenExpiryWarnDays: number;
  /** Warn when the highest Graph usage counter reaches this percentage. Default 80. */
  usageWarnPercent: number;
  /** Warn when the API version has this many days left or fewer. Default 90. */
  versionWarnDays: number;
}

export interface CheckMetaHealthOptions {
  /**
   * The client to check with. Built from `env` when absent. Null means no token is configured:
   * the token and Graph checks fail, and the version check reads `env`.
   */
  client?: MetaHealthClient | null;
  /**
   * Environment read, every variable validated, when no client is given (absent or null).
   * Default process.env.
   */
  env?: Record<string, string | undefined>;
  /** The instant the report describes. Default: the current time. */
  now?: Date;
  /**
   * Time budget of each Graph call in milliseconds; the calls run concurrently, so this also
   * bounds the run. Running out is a fail. Default 5000.
   */
  timeoutMs?: number;
  thresholds?: Partial<MetaHealthThresholds>;
  /** Monotonic milliseconds used to time the Graph calls. Default performance.now. */
  monotonicNow?: () => number;
}

interface Settings {
  now: Date;
  time: string;
  timeoutMs: number;
  thresholds: MetaHealthThresholds;
  monotonicNow: () => number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

/** The thresholds used when none are given. */
export const DEFAULT_HEALTH_THRESHOLDS: Readonly<MetaHealthThresholds> = {
  tokenExpiryWarnDays: 7,
  usageWarnPercent: 80,
  versionWarnDays: 90,
};

const ME_ONLY_NOTE =
  'meta-token:validity was checked with GET /me only; set META_APP_ID and META_APP_SECRET so debug_token can check expiry and scopes';

type Checks = Record<MetaHealthCheckKey, HealthCheckResult>;

/**
 * Checks the Meta Ads integration: the token (debug_token when META_APP_ID and META_APP_SECRET
 * are set), a timed GET /me, rate-limit usage and the configured API version. Never throws for
 * Graph or configuration problems: they become failing checks.
 *
 * @example
 * const report = await checkMetaHealth({ client });
 * response
 *   .status(report.status === 'fail' ? 503 : 200)
 *   .type('application/health+json')
 *   .send(JSON.stringify(report));
 */
export async function checkMetaHealth(options: CheckMetaHealthOptions = {}): Promise<HealthReport> {
  const settings = resolveSettings(options);
  const opened = openClient(options);
  if (opened.kind === 'missing-token') return missingTokenReport(settings, opened.apiVersion);
  if (opened.kind === 'config-error') return configErrorReport(settings.time, opened.problems);

  try {
    return await runChecks(opened.client, settings);
  } finally {
    if (opened.owned) await opened.client.close();
  }
}

function resolveSettings(options: CheckMetaHealthOptions): Settings {
  const now = options.now ?? new Date();
  const timeoutMs = options.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  return {
    now,
    time: now.toISOString(),
    timeoutMs,
    thresholds: { ...DEFAULT_HEALTH_THRESHOLDS, ...options.thresholds },
    monotonicNow: options.monotonicNow ?? (() => performance.now()),
  };
}

type OpenedClient =
  | { kind: 'client'; client: MetaHealthClient; owned: false }
  | { kind: 'client'; client: MetaAdsClient; owned: true }
  | { kind: 'missing-token'; apiVersion: string }
  | { kind: 'config-error'; problems: string[] };

function openClient(options: CheckMetaHealthOptions): OpenedClient {
  if (options.client) return { kind: 'client', client: options.client, owned: false };

  const env = options.env ?? process.env;
  const environment = readHealthEnv(env);
  if (!environment.valid) return { kind: 'config-error', problems: environment.problems };
  if (options.client === null || !environment.hasToken) {
    return { kind: 'missing-token', apiVersion: environment.apiVersion };
  }
  try {
    // A health check reports what one call sees; retries would hide flapping and blow the budget.
    return { kind: 'client', client: MetaAdsClient.fromEnv(env, { maxRetries: 0 }), owned: true };
  } catch (error) {
    if (!isConfigError(error)) throw error;
    return { kind: 'config-error', problems: [describeFailure(error)] };
  }
}

async function runChecks(client: MetaHealthClient, settings: Settings): Promise<HealthReport> {
  const { time, timeoutMs, monotonicNow, thresholds } = settings;
  const [debug, me] = await Promise.all([
    probe((signal) => client.debugToken({ signal }), timeoutMs, monotonicNow),
    probe((signal) => client.getMe({ signal }), timeoutMs, monotonicNow),
  ]);
  const meOnly = !debug.ok && isConfigError(debug.error);
  // debug_token is the authority on the token: once it says invalid, what /me saw is moot.
  const meForDependents = debug.ok && !debug.value.isValid ? null : me;
  const meError = me.ok ? null : me.error;

  const checks: Checks = {
    'meta-token:validity': tokenResult(debug, meOnly, meError, settings),
    'meta-graph:responseTime': dependentResult(meForDependents, meOnly, time, (call) =>
      responseTimeResult(call, time),
    ),
    'meta-ratelimit:utilization': dependentResult(meForDependents, meOnly, time, (call) =>
      rateLimitResult(call, time, thresholds.usageWarnPercent),
    ),
    'meta-api:version': apiVersionResult(
      client.apiVersion,
      settings.now,
      thresholds.versionWarnDays,
      meError,
    ),
  };
  return buildReport(checks, meOnly ? { notes: [ME_ONLY_NOTE] } : {});
}

function tokenResult(
  debug: Probe<Awaited<ReturnType<MetaHealthClient['debugToken']>>>,
  meOnly: boolean,
  meError: unknown | null,
  settings: Settings,
): HealthCheckResult {
  if (meOnly) return tokenResultFromMe(meError, settings.time);
  if (!debug.ok) return tokenResultFromDebugFailure(debug.error, settings.time);
  return tokenResultFromDebugInfo(
    debug.value,
    settings.now,
    settings.thresholds.tokenExpiryWarnDays,
  );
}

function dependentResult<T>(
  me: Probe<T> | null,
  meOnly: boolean,
  time: string,
  evaluate: (me: Probe<T>) => HealthCheckResult,
): HealthCheckResult {
  if (me === null) return skippedResult(time, 'the token is invalid');
  // With GET /me as the only token test, a rejected token is reported once, by the token check.
  if (meOnly && !me.ok && isTokenRejection(me.error)) {
    return skippedResult(time, 'the token is invalid');
  }
  return evaluate(me);
}

function missingTokenReport(settings: Settings, apiVersion: string): HealthReport {
  const { time, now, thresholds } = settings;
  return buildReport({
    'meta-token:validity': missingTokenResult(time),
    'meta-graph:responseTime': skippedResult(time, 'no token is configured'),
    'meta-ratelimit:utilization': skippedResult(time, 'no token is configured'),
    // Comparing the configured version with the deprecation table needs no token.
    'meta-api:version': apiVersionResult(apiVersion, now, thresholds.versionWarnDays, null),
  });
}

function configErrorReport(time: string, problems: string[]): HealthReport {
  const skipped = () => skippedResult(time, 'the configuration is invalid');
  const checks: Checks = {
    'meta-token:validity': skipped(),
    'meta-graph:responseTime': skipped(),
    'meta-ratelimit:utilization': skipped(),
    'meta-api:version': skipped(),
  };
  return buildReport(checks, { problems });
}

function buildReport(
  checks: Checks,
  extra: { notes?: string[]; problems?: string[] } = {},
): HealthReport {
  const results = META_HEALTH_CHECK_KEYS.map((key) => [key, checks[key]] as const);
  const problems = results
    .filter(([, result]) => result.status !== 'pass' && !result.skipped && result.output)
    .map(([key, result]) => `${key}: ${result.output}`)
    .concat(extra.problems ?? []);
  const notes = extra.notes ?? [];

  // In reading order: the verdict, what is wrong, then the detail.
  return {
    status: worstStatus(results.map(([, result]) => result.status)),
    ...(problems.length > 0 ? { output: problems.join(' | ') } : {}),
    ...(notes.length > 0 ? { notes } : {}),
    checks: {
      'meta-token:validity': [checks['meta-token:validity']],
      'meta-graph:responseTime': [checks['meta-graph:responseTime']],
      'meta-ratelimit:utilization': [checks['meta-ratelimit:utilization']],
      'meta-api:version': [checks['meta-api:version']],
    },
  };
}
