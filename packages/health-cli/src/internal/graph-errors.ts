import type { MetaApiError, MetaRateLimitError } from '@ctwa/meta-ads-client';
import { CheckTimeoutError } from './with-timeout.js';

// Errors are recognised by name rather than instanceof, so a client loaded from another copy of
// the package (ESM beside CJS, or two installed versions) is still understood.
function hasName(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name;
}

export function isConfigError(error: unknown): error is Error {
  return hasName(error, 'MetaConfigError');
}

export function isTokenRejection(error: unknown): error is MetaApiError {
  return hasName(error, 'MetaAuthError');
}

export function isPermissionError(error: unknown): error is MetaApiError {
  return hasName(error, 'MetaPermissionError');
}

export function isThrottle(error: unknown): error is MetaRateLimitError {
  return hasName(error, 'MetaRateLimitError');
}

export function isDeprecatedVersion(error: unknown): error is MetaApiError {
  return hasName(error, 'MetaDeprecatedVersionError');
}

export function isTimeout(error: unknown): boolean {
  return error instanceof CheckTimeoutError || hasName(error, 'MetaTimeoutError');
}

/** "(code 190, subcode 463)", or "" when the error carries no Graph code. */
export function graphCodeText(error: MetaApiError): string {
  if (typeof error.code !== 'number') return '';
  const subcode = typeof error.subcode === 'number' ? `, subcode ${error.subcode}` : '';
  return ` (code ${error.code}${subcode})`;
}

/** A one-line description of any failure, for a check's `output`. */
export function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
  return String(error);
}
