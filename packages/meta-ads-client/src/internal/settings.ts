import { setTimeout as delay } from 'node:timers/promises';
import { MetaConfigError } from '../errors.js';
import type { MetaAdsClientOptions, MetaClientLogger, UsageContext } from '../options.js';
import type { GraphUsage } from '../usage-headers.js';
import { DEFAULT_API_VERSION } from '../versions.js';
import { parseBaseUrl } from './base-url.js';
import { createValueDescriber } from './config-value.js';

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
  // Messages never repeat a secret, even one passed in the wrong option.
  const shown = createValueDescriber([options.accessToken, options.appSecret]);
  const timeoutMs = positive(options.timeoutMs, 'timeoutMs', 5_000, shown);
  const maxRetries = nonNegativeInteger(options.maxRetries, 'maxRetries', 2, shown);
  const { origin, basePath } = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl', shown);
  const positiveOr = (option: keyof MetaAdsClientOptions, fallback: number) =>
    positive(options[option], option, fallback, shown);
  const wholeOr = (option: keyof MetaAdsClientOptions, fallback: number) =>
    positiveInteger(options[option], option, fallback, shown);

  return {
    accessToken,
    appSecret: optionalSecret(options.appSecret, 'appSecret'),
    appId: optionalMatching(options.appId, 'appId', APP_ID_PATTERN, 'a numeric app id', shown),
    apiVersion: apiVersionOf(options.apiVersion, shown),
    origin,
    basePath,
    timeoutMs,
    deadlineMs: positiveOr('deadlineMs', timeoutMs * (maxRetries + 1)),
    maxRetries,
    retryBaseDelayMs: positiveOr('retryBaseDelayMs', 250),
    retryMaxDelayMs: positiveOr('retryMaxDelayMs', 5_000),
    throttleFallbackMs: positiveOr('throttleFallbackMs', 60_000),
    maxConnections: wholeOr('maxConnections', 32),
    batchConcurrency: wholeOr('batchConcurrency', 4),
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

type Describe = (value: unknown) => string;

function optionalMatching(
  value: unknown,
  option: string,
  pattern: RegExp,
  expected: string,
  shown: Describe,
) {
  if (value === undefined) return null;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new MetaConfigError(`${option} must be ${expected}; ${shown(value)}.`, option);
  }
  return value;
}

function apiVersionOf(value: unknown, shown: Describe): string {
  if (value === undefined) return DEFAULT_API_VERSION;
  if (typeof value !== 'string' || !API_VERSION_PATTERN.test(value)) {
    throw new MetaConfigError(`apiVersion must look like "v26.0"; ${shown(value)}.`, 'apiVersion');
  }
  return value;
}

function positive(value: unknown, option: string, fallback: number, shown: Describe): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new MetaConfigError(`${option} must be a positive number; ${shown(value)}.`, option);
  }
  return value;
}

function positiveInteger(
  value: unknown,
  option: string,
  fallback: number,
  shown: Describe,
): number {
  const result = positive(value, option, fallback, shown);
  if (!Number.isInteger(result)) {
    throw new MetaConfigError(`${option} must be a whole number; got ${result}.`, option);
  }
  return result;
}

function nonNegativeInteger(
  value: unknown,
  option: string,
  fallback: number,
  shown: Describe,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new MetaConfigError(
      `${option} must be 0 or a whole positive number; ${shown(value)}.`,
      option,
    );
  }
  return value;
}
