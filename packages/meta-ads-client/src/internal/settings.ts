import { setTimeout as delay } from 'node:timers/promises';
import { MetaConfigError } from '../errors.js';
import type { MetaAdsClientOptions, MetaClientLogger, UsageContext } from '../options.js';
import type { GraphUsage } from '../usage-headers.js';
import { DEFAULT_API_VERSION } from '../versions.js';

export const DEFAULT_BASE_URL = 'https://graph.facebook.com';

/** Options after defaults and validation; what the internals read. */
export interface ClientSettings {
  accessToken: string;
  appSecret: string | null;
  appId: string | null;
  apiVersion: string;
  origin: string;
  basePath: string;
  timeoutMs: number;
  deadlineMs: number;
  maxRetries: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  throttleFallbackMs: number;
  maxConnections: number;
  batchConcurrency: number;
  clock: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  logger: MetaClientLogger | null;
  onUsage: ((usage: GraphUsage, context: UsageContext) => void) | null;
}

const API_VERSION_PATTERN = /^v\d+\.\d+$/;
const APP_ID_PATTERN = /^\d+$/;

/** Applies defaults and rejects malformed options with a message naming the option. */
export function resolveSettings(options: MetaAdsClientOptions): ClientSettings {
  const accessToken = requireSecret(options.accessToken, 'accessToken');
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs', 5_000);
  const maxRetries = nonNegativeInteger(options.maxRetries, 'maxRetries', 2);
  const { origin, basePath } = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);

  return {
    accessToken,
    appSecret: optionalSecret(options.appSecret, 'appSecret'),
    appId: optionalMatching(options.appId, 'appId', APP_ID_PATTERN, 'a numeric app id'),
    apiVersion: apiVersionOf(options.apiVersion),
    origin,
    basePath,
    timeoutMs,
    deadlineMs: positive(options.deadlineMs, 'deadlineMs', timeoutMs * (maxRetries + 1)),
    maxRetries,
    retryBaseDelayMs: positive(options.retryBaseDelayMs, 'retryBaseDelayMs', 250),
    retryMaxDelayMs: positive(options.retryMaxDelayMs, 'retryMaxDelayMs', 5_000),
    throttleFallbackMs: positive(options.throttleFallbackMs, 'throttleFallbackMs', 60_000),
    maxConnections: positiveInteger(options.maxConnections, 'maxConnections', 32),
    batchConcurrency: positiveInteger(options.batchConcurrency, 'batchConcurrency', 4),
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    logger: options.logger ?? null,
    onUsage: options.onUsage ?? null,
  };
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal === undefined ? undefined : { signal });
}

function requireSecret(value: unknown, option: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MetaConfigError(
      `${option} is required: pass a non-empty Graph access token.`,
      option,
    );
  }
  return value.trim();
}

function optionalSecret(value: unknown, option: string): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new MetaConfigError(`${option} must be a non-empty string when given.`, option);
  }
  return value.trim();
}

function optionalMatching(value: unknown, option: string, pattern: RegExp, expected: string) {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new MetaConfigError(`${option} must be ${expected}; got ${describe(value)}.`, option);
  }
  return value;
}

function apiVersionOf(value: unknown): string {
  if (value === undefined) return DEFAULT_API_VERSION;
  if (typeof value !== 'string' || !API_VERSION_PATTERN.test(value)) {
    throw new MetaConfigError(
      `apiVersion must look like "v26.0"; got ${describe(value)}.`,
      'apiVersion',
    );
  }
  return value;
}

function parseBaseUrl(value: string): { origin: string; basePath: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new MetaConfigError(
      `baseUrl must be an absolute http(s) URL; got "${value}".`,
      'baseUrl',
    );
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.username) {
    throw new MetaConfigError(
      'baseUrl must be an http(s) URL without credentials or a query, such as https://graph.facebook.com.',
      'baseUrl',
    );
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

function positive(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new MetaConfigError(
      `${option} must be a positive number; got ${describe(value)}.`,
      option,
    );
  }
  return value;
}

function positiveInteger(value: unknown, option: string, fallback: number): number {
  const result = positive(value, option, fallback);
  if (!Number.isInteger(result)) {
    throw new MetaConfigError(`${option} must be a whole number; got ${result}.`, option);
  }
  return result;
}

function nonNegativeInteger(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MetaConfigError(
      `${option} must be 0 or a whole positive number; got ${describe(value)}.`,
      option,
    );
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}
