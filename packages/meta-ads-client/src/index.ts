// The client
export { MetaAdsClient } from './client.js';
export type { MetaApiErrorDetails, MetaErrorKind } from './errors.js';
// Errors
export {
  isMetaApiError,
  isMetaAuthError,
  isMetaClientClosedError,
  isMetaConfigError,
  isMetaDeprecatedVersionError,
  isMetaInvalidRequestError,
  isMetaNetworkError,
  isMetaNotFoundError,
  isMetaPermissionError,
  isMetaRateLimitError,
  isMetaResponseError,
  isMetaTimeoutError,
  isMetaTransientError,
  MetaApiError,
  MetaAuthError,
  MetaClientClosedError,
  MetaConfigError,
  MetaDeprecatedVersionError,
  MetaInvalidRequestError,
  MetaNetworkError,
  MetaNotFoundError,
  MetaPermissionError,
  MetaRateLimitError,
  MetaResponseError,
  MetaTimeoutError,
  MetaTransientError,
} from './errors.js';
export { findMetaEnvProblems, readMetaEnv, readMetaEnvWithoutToken } from './from-env.js';
// Options and results
export type {
  CallOptions,
  MetaAdsClientOptions,
  MetaClientLogger,
  UsageContext,
} from './options.js';
export type { AdDetails, GraphMe, TokenDebugInfo } from './types.js';
export type {
  AdAccountUsage,
  AppUsage,
  BusinessUseCaseUsage,
  GraphUsage,
  HeaderSource,
} from './usage-headers.js';
// Usage headers
export { parseUsageHeaders } from './usage-headers.js';
export type { ApiVersionState, ApiVersionStatus, GraphApiVersionInfo } from './versions.js';
// API versions
export {
  apiVersionStatus,
  compareApiVersions,
  DEFAULT_API_VERSION,
  EXPIRY_WARNING_DAYS,
  GRAPH_API_VERSIONS,
} from './versions.js';
